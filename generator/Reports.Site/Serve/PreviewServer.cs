using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reports.Site.Building;
using Reports.Site.Deriving;
using Reports.Specs.Catalog;
using Reports.Specs.Content;
using Reports.Specs.Loading;

namespace Reports.Site.Serve;

/// <summary>Where the preview stands: the build version browsers reload on, and the error shown while a build fails.</summary>
public sealed record PreviewStatus(int Version, string? Error, int Pages, double Seconds);

/// <summary>
/// `serve`: builds into a private folder, serves it on 127.0.0.1 only, watches content/ and templates/,
/// rebuilds on change and tells open pages to reload (server-sent events). Data is loaded at run time
/// by the same loader the generator uses, so no edit needs a recompile. A failed build leaves the last
/// good site served and shows the error in an overlay until it is fixed.
/// </summary>
public sealed class PreviewServer : IAsyncDisposable
{
    private const string ClientScript = """
        <script>(function(){var es=new EventSource("/__reports/events");var box=null;
        function show(m){if(!box){box=document.createElement("div");box.id="reports-error-overlay";box.setAttribute("role","alert");
        box.style.cssText="position:fixed;inset:0 0 auto 0;max-height:60vh;overflow:auto;background:#3d0a0a;color:#fff;font:14px/1.5 monospace;padding:1rem 1.5rem;z-index:99999;white-space:pre-wrap";
        document.body.appendChild(box);}box.textContent="Build failed; showing the last good site.\n\n"+m;}
        es.addEventListener("reload",function(){location.reload();});
        es.addEventListener("error-report",function(e){show(JSON.parse(e.data).error);});})();</script>
        """;

    private readonly Func<SiteModel, BuildOptions, CancellationToken, BuildResult> _build;
    private readonly string _content;
    private readonly string _templates;
    private readonly string _output;
    private readonly SemaphoreSlim _buildLock = new(1, 1);
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<TaskCompletionSource<PreviewStatus>> _waiters = [];
    private WebApplication? _app;
    private PreviewStatus _status = new(0, null, 0, 0);
    private Timer? _debounce;
    private SiteModel? _lastModel;
    private readonly Dictionary<string, (string Hash, Specs.Content.Loading.ContentFile File)> _parsed = new(StringComparer.Ordinal);

    public PreviewServer(string contentRoot, string templatesRoot)
        : this(contentRoot, templatesRoot, SiteBuilder.Build)
    {
    }

    /// <param name="build">The build step; tests put a failing one here to prove that no failure stops the preview.</param>
    internal PreviewServer(string contentRoot, string templatesRoot, Func<SiteModel, BuildOptions, CancellationToken, BuildResult> build)
    {
        _build = build;
        _content = Path.GetFullPath(contentRoot);
        _templates = Path.GetFullPath(templatesRoot);
        _output = Path.Combine(Path.GetTempPath(), "reports-serve-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..6], "site");
    }

    public PreviewStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    public Uri? Address { get; private set; }

    /// <summary>Completes when the web host stops: its console lifetime takes Ctrl+C before anyone else sees it.</summary>
    public Task Stopped => _stopped.Task;

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task StartAsync(int port, CancellationToken cancellationToken)
    {
        await RebuildAsync(cancellationToken);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        _app = builder.Build();
        _app.MapGet("/__reports/status", () => Results.Json(Status));
        _app.MapGet("/__reports/events", EventsAsync);
        // Not MapFallback(handler): its {*path:nonfile} pattern skips every URL whose last segment has a
        // dot, so site.css, search-index.json, feed.xml and .../index.html would all be 404.
        _app.MapFallback("{**path}", ServeFileAsync);
        _app.Lifetime.ApplicationStopping.Register(() => _stopped.TrySetResult());
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        Watch(_content);
        Watch(_templates);
    }

    /// <summary>Waits until the build version passes <paramref name="version"/> (tests and tools).</summary>
    public Task<PreviewStatus> WaitForVersionAfterAsync(int version, TimeSpan timeout)
    {
        var waiter = new TaskCompletionSource<PreviewStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_status.Version > version)
            {
                return Task.FromResult(_status);
            }

            _waiters.Add(waiter);
        }

        return waiter.Task.WaitAsync(timeout);
    }

    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await _buildLock.WaitAsync(cancellationToken);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            string? error = null;
            var pages = 0;
            try
            {
                var loaded = ContentDirectory.LoadDirectory(_content, RunDate.Today(), _parsed, cancellationToken);
                if (loaded.Catalog is null)
                {
                    error = string.Join("\n", loaded.Diagnostics.Where(d => d.IsError).Select(d => d.ToMsBuildString()));
                }
                else
                {
                    // Deriving estimates is most of a build; an edit to a template or post leaves the data equal.
                    var model = _lastModel is not null && _lastModel.Catalog.Data == loaded.Catalog ? _lastModel : new SiteModel(new Catalog(loaded.Catalog));
                    _lastModel = model;
                    var result = _build(model, new BuildOptions(_content, _templates, _output, BaseUrl: "/"), cancellationToken);
                    pages = result.Pages;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                // Whatever stops a build, the preview outlives it: the error goes to the overlay and the
                // status, the last good site stays served, and the next edit builds again.
                error = exception is Rendering.TemplateException or BuildFailedException or IOException or UnauthorizedAccessException
                    ? exception.Message
                    : "the build stopped on an unexpected " + exception.GetType().Name + ": " + exception.Message;
            }

            Publish(new PreviewStatus(Status.Version + 1, error, pages, clock.Elapsed.TotalSeconds));
        }
        finally
        {
            _buildLock.Release();
        }
    }

    private void Publish(PreviewStatus status)
    {
        List<TaskCompletionSource<PreviewStatus>> waiters;
        lock (_gate)
        {
            _status = status;
            waiters = [.. _waiters];
            _waiters.Clear();
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(status);
        }
    }

    private void Watch(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        FileSystemEventHandler changed = (_, _) => Schedule();
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, _) => Schedule();
        _watchers.Add(watcher);
    }

    /// <summary>Editors write a file in several steps: wait until they are quiet, then build once.</summary>
    private void Schedule()
    {
        lock (_gate)
        {
            _debounce?.Dispose();
            _debounce = new Timer(_ => _ = RebuildSafelyAsync(), null, 120, Timeout.Infinite);
        }
    }

    private async Task RebuildSafelyAsync()
    {
        try
        {
            await RebuildAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task EventsAsync(HttpContext http)
    {
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var seen = Status.Version;
        if (Status.Error is { } current)
        {
            await SendAsync(http, "error-report", current);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var status = await WaitForVersionAfterAsync(seen, TimeSpan.FromSeconds(15)).WaitAsync(stop.Token).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
                if (status is null)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", stop.Token);
                    await http.Response.Body.FlushAsync(stop.Token);
                    continue;
                }

                seen = status.Version;
                if (status.Error is { } error)
                {
                    await SendAsync(http, "error-report", error);
                }
                else
                {
                    await http.Response.WriteAsync("event: reload\ndata: " + status.Version + "\n\n", stop.Token);
                    await http.Response.Body.FlushAsync(stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task SendAsync(HttpContext http, string name, string error)
    {
        await http.Response.WriteAsync("event: " + name + "\ndata: " + JsonSerializer.Serialize(new { error }) + "\n\n");
        await http.Response.Body.FlushAsync();
    }

    private async Task ServeFileAsync(HttpContext http)
    {
        var requested = Uri.UnescapeDataString(http.Request.Path.Value ?? "/");
        var relative = requested.TrimStart('/');
        var path = Path.GetFullPath(Path.Combine(_output, relative));
        var root = _output.TrimEnd(Path.DirectorySeparatorChar);
        if (path != root && Specs.Content.Loading.ContentPaths.RelativeTo(root, path) is null)
        {
            http.Response.StatusCode = 404;
            return;
        }

        if (Directory.Exists(path))
        {
            if (!requested.EndsWith('/'))
            {
                // The redirect is built from the folder found, never from the request: "/%5Cevil.com%2F..%2F/x"
                // must not become "/\evil.com/..", which a browser reads as another host.
                var canonical = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
                http.Response.Redirect(canonical == "." ? "/" : "/" + Uri.EscapeDataString(canonical).Replace("%2F", "/", StringComparison.Ordinal) + "/");
                return;
            }

            path = Path.Combine(path, "index.html");
        }

        var status = 200;
        if (!File.Exists(path))
        {
            status = 404;
            path = Path.Combine(_output, "404.html");
        }

        http.Response.Headers.CacheControl = "no-store";
        if (!File.Exists(path))
        {
            // No good build yet (the first one failed): a page that shows why and reloads once a build succeeds.
            var error = Status.Error;
            http.Response.StatusCode = error is null ? 404 : 503;
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(error is null
                ? "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><p>Not found.</p>" + ClientScript + "</body></html>"
                : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><h1>The site has not built yet</h1><pre>" + WebUtility.HtmlEncode(error) + "</pre>" + ClientScript + "</body></html>");
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType(path);

        var bytes = await File.ReadAllBytesAsync(path, http.RequestAborted);
        if (path.EndsWith(".html", StringComparison.Ordinal))
        {
            var html = Encoding.UTF8.GetString(bytes);
            var at = html.LastIndexOf("</body>", StringComparison.Ordinal);
            html = at < 0 ? html + ClientScript : html.Insert(at, ClientScript);
            bytes = Encoding.UTF8.GetBytes(html);
        }

        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    private static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".xml" => "application/xml; charset=utf-8",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _debounce?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(Path.GetDirectoryName(_output)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
