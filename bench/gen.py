#!/usr/bin/env python3
"""Synthetic data set for the benchmark: N models and G GPUs in this project's content format, and the
same data as a Hugo project. Fixed seed: the same arguments give the same files.
The models are variations of the real catalog's shapes; they exist only to be built, never published.
    bench/gen.py OUT_DIR [--models 300] [--gpus 40] [--seed 7] [--pairs FILE]"""
import argparse, json, os, random, re, shutil, sys

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(here)
ap = argparse.ArgumentParser()
ap.add_argument("out"); ap.add_argument("--models", type=int, default=300); ap.add_argument("--gpus", type=int, default=40); ap.add_argument("--seed", type=int, default=7); ap.add_argument("--pairs")
a = ap.parse_args()
rnd = random.Random(a.seed)
content = os.path.join(a.out, "content"); hugo = os.path.join(a.out, "hugo")
shutil.rmtree(a.out, ignore_errors=True)
for d in ["data/models", "data/gpus", "data/providers", "data/benchmarks", "data/measurements"]:
    os.makedirs(os.path.join(content, d))
shutil.copy(os.path.join(repo, "content", "site.yaml"), content)
# Accelerator pages chart site.yaml's reference models; the synthetic catalog names its own first four.
site_path = os.path.join(content, "site.yaml")
site_text = open(site_path).read()
site_text = re.sub(r"(?m)^reference_models: .*$", "reference_models: [bench-model-0000, bench-model-0001, bench-model-0002, bench-model-0003]", site_text)
open(site_path, "w").write(site_text)

# Dense shapes from the real catalog: (layers, hidden, intermediate, heads, kv_heads, vocab).
shapes = [(32, 4096, 14336, 32, 8, 128256), (80, 8192, 28672, 64, 8, 128256), (28, 3584, 18944, 28, 4, 152064),
          (46, 4608, 36864, 32, 16, 256000), (62, 5376, 21504, 32, 16, 262144), (126, 16384, 53248, 128, 8, 128256), (64, 5120, 27648, 64, 8, 152064)]
vendors = ["Acme", "Borealis", "Cirrus", "Deltaform", "Eidolon", "Fathom", "Gossamer", "Halcyon"]
models, gpus = [], []
for i in range(a.models):
    L, d, I, H, KV, V = rnd.choice(shapes)
    L = max(8, L + rnd.randint(-4, 4))
    params = L * (d * H * (d // H) * 2 + 2 * d * KV * (d // H) + 3 * d * I + 2 * d) + 2 * V * d + d
    mid = f"bench-model-{i:04d}"
    fam = f"fam-{i // 5:03d}"
    vendor = vendors[i % len(vendors)]
    models.append(dict(id=mid, name=f"Bench Model {i:04d}", vendor=vendor, family=fam, layers=L, hidden=d, intermediate=I, heads=H, kv_heads=KV, head_dim=d // H, vocab=V, params=params, context=rnd.choice([8192, 32768, 131072]), capabilities=rnd.sample(['code', 'tools', 'multilingual', 'math', 'vision'], 2)))
    open(os.path.join(content, "data/models", mid + ".yaml"), "w").write(f"""id: {mid}
name: Bench Model {i:04d}
vendor: {vendor}
family: {fam}
verified: 2026-11-28
sources:
  card: https://example.org/bench/{mid}
architecture:
  src: card
  kind: dense
  layers: {L}
  hidden: {d}
  intermediate: {I}
  heads: {H}
  kv_heads: {KV}
  head_dim: {d // H}
  vocab: {V}
  tied_embeddings: false
  attention:
    kind: gqa
context: {{ value: {models[-1]['context']}, src: card }}
params:
  total: {{ value: {params}, src: card }}
capabilities: {{ value: [{', '.join(models[-1]['capabilities'])}], src: card }}
""")

real_gpus = sorted(f for f in os.listdir(os.path.join(repo, "content/data/gpus")))
for j in range(a.gpus):
    src = open(os.path.join(repo, "content/data/gpus", real_gpus[j % len(real_gpus)])).read()
    gid = f"bench-gpu-{j:02d}"
    src = re.sub(r"^id: .*$", "id: " + gid, src, flags=re.M)
    src = re.sub(r"^name: .*$", f"name: Bench GPU {j:02d}", src, flags=re.M)
    mem = re.search(r"^memory: \{ value: ([0-9.]+), unit: (\w+)", src, flags=re.M)
    bw = re.search(r"^bandwidth: \{ value: ([0-9.]+), unit: ([\w/]+)", src, flags=re.M)
    gen = re.search(r'^generation: "?([^"\n]+)"?', src, flags=re.M)
    bf16 = re.search(r"^  bf16: \{ value: ([0-9.]+)", src, flags=re.M)
    if "rental:" not in src:
        src += f"rental:\n  - {{ usd_per_hour: {round(1 + j * 0.11, 2)}, provider: Bench Cloud, date: 2026-11-01, src: https://example.org/bench/prices }}\n"
    rentals = [float(x) for x in re.findall(r"usd_per_hour: ([0-9.]+)", src)]
    gpus.append(dict(id=gid, name=f"Bench GPU {j:02d}", memory=float(mem.group(1)) * (1.07374 if mem.group(2) == "GiB" else 1), bandwidth=float(bw.group(1)) * (1000 if bw.group(2) == "TB/s" else 1),
                     generation=gen.group(1) if gen else "Other", tflops=float(bf16.group(1)) if bf16 else 0, usd_per_hour=min(rentals) if rentals else 0))
    open(os.path.join(content, "data/gpus", gid + ".yaml"), "w").write(src)

prices = {m["id"]: dict(input=round(0.05 + m["params"] / 1e11, 3), output=round(0.1 + m["params"] / 5e10, 3)) for m in models[::3]}
scores = {}
open(os.path.join(content, "data/providers/bench-cloud.yaml"), "w").write("id: bench-cloud\nname: Bench Cloud\nurl: https://example.org/\nverified: 2026-11-28\nsources:\n  p: https://example.org/bench/prices\nprices:\n" +
    "".join(f"  - {{ model: {mid}, input: {p['input']}, output: {p['output']}, date: 2026-11-01, src: p }}\n" for mid, p in prices.items()))
open(os.path.join(content, "data/benchmarks/bench-score.yaml"), "w").write("id: bench-score\nname: Bench Score\nunit: '%'\nmin: 0\nmax: 100\nhigher_is_better: true\nverified: 2026-11-28\nsources:\n  p: https://example.org/bench/score\nsource: p\nscores:\n" +
    "".join(f"  - {{ model: {m['id']}, value: {scores.setdefault(m['id'], rnd.randint(300, 900) / 10)}, src: p }}\n" for m in models[::2]))

# The same data for Hugo: data files, one content file per page, layouts in bench/hugo-layouts.
os.makedirs(os.path.join(hugo, "data")); os.makedirs(os.path.join(hugo, "content/models")); os.makedirs(os.path.join(hugo, "content/gpus")); os.makedirs(os.path.join(hugo, "content/compare"))
shutil.copytree(os.path.join(here, "hugo-layouts"), os.path.join(hugo, "layouts"))
# Hugo gets the comparison pairs this generator published (--pairs, one "a-vs-b" slug a line), else the
# same rule: same family, then same vendor within 2x the parameters, each model's first 6.
by_id = {m["id"]: m for m in models}
pairs = set()
if a.pairs:
    for line in open(a.pairs):
        slug = line.strip()
        if slug:
            p, q = slug.split("-vs-")
            pairs.add((p, q))
else:
    by_family, by_vendor = {}, {}
    for m in models:
        by_family.setdefault(m["family"], []).append(m); by_vendor.setdefault(m["vendor"], []).append(m)
    for m in models:
        related = [x for x in by_family[m["family"]] if x["id"] != m["id"]]
        for x in by_vendor[m["vendor"]]:  # stops at 6: linear in the catalog, not quadratic
            if len(related) >= 6:
                break
            if x["family"] != m["family"] and m["params"] / 2 <= x["params"] <= m["params"] * 2:
                related.append(x)
        for x in related[:6]:
            pairs.add(tuple(sorted((m["id"], x["id"]))))
related = {m["id"]: [] for m in models}
for p, q in sorted(pairs):
    related[p].append({"slug": f"{p}-vs-{q}", "other": by_id[q]["name"]}); related[q].append({"slug": f"{p}-vs-{q}", "other": by_id[p]["name"]})
json.dump({m["id"]: m for m in models}, open(os.path.join(hugo, "data/models.json"), "w"))
json.dump({g["id"]: g for g in gpus}, open(os.path.join(hugo, "data/gpus.json"), "w"))
json.dump(prices, open(os.path.join(hugo, "data/prices.json"), "w"))
json.dump(scores, open(os.path.join(hugo, "data/scores.json"), "w"))
json.dump(related, open(os.path.join(hugo, "data/related.json"), "w"))
open(os.path.join(hugo, "hugo.toml"), "w").write('baseURL = "https://bench.example.org/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term", "RSS"]\n')
for m in models:
    open(os.path.join(hugo, "content/models", m["id"] + ".md"), "w").write(f'---\ntitle: "{m["name"]}"\nmodel: {m["id"]}\ntype: model\n---\n')
for g in gpus:
    open(os.path.join(hugo, "content/gpus", g["id"] + ".md"), "w").write(f'---\ntitle: "{g["name"]}"\ngpu: {g["id"]}\ntype: gpu\n---\n')
for p, q in sorted(pairs):
    open(os.path.join(hugo, "content/compare", f"{p}-vs-{q}.md"), "w").write(f'---\ntitle: "{by_id[p]["name"]} vs {by_id[q]["name"]}"\na: {p}\nb: {q}\ntype: compare\n---\n')
print(f"{len(models)} models, {len(gpus)} GPUs, {len(pairs)} comparison pairs -> {a.out}")
