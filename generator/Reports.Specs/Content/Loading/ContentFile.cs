using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Reports.Specs.Content.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Reports.Specs.Content.Loading;

/// <summary>A reference from one file to an entity in another, checked once every file is loaded.</summary>
public sealed record ContentReference(ContentKind TargetKind, string TargetId, string Path, int Line, int Column);

/// <summary>What cross-file validation needs to know about a file: small, so it caches well.</summary>
public sealed record FileFacts(
    string Path,
    ContentKind Kind,
    string? Id,
    Position IdAt,
    ContentDate? Verified,
    Position VerifiedAt,
    EquatableArray<ContentReference> References);

/// <summary>One YAML file, parsed and checked on its own. Equatable: the generator caches on it.</summary>
public sealed record ContentFile(
    string Path,
    ContentKind Kind,
    object? Entity,
    FileFacts Facts,
    EquatableArray<ContentDiagnostic> Diagnostics)
{
    public bool HasErrors
    {
        get
        {
            foreach (var diagnostic in Diagnostics)
            {
                if (diagnostic.IsError)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>A file that cannot be read as content at all (misnamed, unreadable, too large): one error at its top.</summary>
    public static ContentFile Refused(string path, ContentKind kind, string id, string message)
        => new(path, kind, null, new FileFacts(path, kind, null, default, null, default, EquatableArray<ContentReference>.Empty),
            new EquatableArray<ContentDiagnostic>(new[] { new ContentDiagnostic(id, DiagnosticSeverity.Error, path, 1, 1, message) }));

    /// <summary>The message for a content file spelled .yml or .YAML.</summary>
    public static string MisnamedMessage(string path)
        => "content files end in '.yaml' (lower case); rename " + System.IO.Path.GetFileName(path) + " to " + System.IO.Path.GetFileNameWithoutExtension(path) + ".yaml, or it is not read.";

    /// <summary>Parses and validates one file. Never throws for bad content: problems become diagnostics.</summary>
    public static ContentFile Load(string path, ContentKind kind, string text, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<ContentDiagnostic>();
        var empty = new FileFacts(path, kind, null, default, null, default, EquatableArray<ContentReference>.Empty);
        var bad = text.IndexOf('\uFFFD');
        if (bad >= 0)
        {
            // Invalid UTF-8 decodes to U+FFFD; say where, rather than publish the replacement character.
            var line = 1 + text.Substring(0, bad).Split('\n').Length - 1;
            var column = bad - text.LastIndexOf('\n', Math.Max(0, bad - 1));
            diagnostics.Add(new ContentDiagnostic(DiagnosticIds.YamlSyntax, DiagnosticSeverity.Error, path, line, Math.Max(1, column), "the file is not valid UTF-8 here (or holds U+FFFD): save it as UTF-8."));
            return new ContentFile(path, kind, null, empty, new EquatableArray<ContentDiagnostic>(diagnostics.ToArray()));
        }

        var root = ParseMapping(path, text, diagnostics);
        cancellationToken.ThrowIfCancellationRequested();
        if (root is null)
        {
            return new ContentFile(path, kind, null, empty, new EquatableArray<ContentDiagnostic>(diagnostics.ToArray()));
        }

        var binder = new YamlBinder(path, diagnostics);
        object? entity = kind switch
        {
            ContentKind.Site => binder.BindRoot<SiteData>(root),
            ContentKind.Model => binder.BindRoot<ModelData>(root),
            ContentKind.Gpu => binder.BindRoot<GpuData>(root),
            ContentKind.Provider => binder.BindRoot<ProviderData>(root),
            ContentKind.Benchmark => binder.BindRoot<BenchmarkData>(root),
            ContentKind.Measurement => binder.BindRoot<MeasurementData>(root),
            ContentKind.Engine => binder.BindRoot<EngineData>(root),
            ContentKind.Calibration => binder.BindRoot<CalibrationData>(root),
            _ => null,
        };
        binder.CheckSourceReferences();
        cancellationToken.ThrowIfCancellationRequested();

        var located = new Located(path, binder.Positions, diagnostics);
        var facts = entity is null ? empty : EntityRules.Check(entity, kind, located);
        return new ContentFile(path, kind, entity, facts, new EquatableArray<ContentDiagnostic>(diagnostics.ToArray()));
    }

    /// <summary>
    /// Binds a parsed mapping to a record by the content schema's rules: snake_case keys, [Required], unknown keys
    /// reported with the nearest known one, every problem located. <paramref name="positions"/> holds where each
    /// bound value starts, by dotted path ("models[1]"), for rules the caller checks after binding.
    /// </summary>
    public static T? Bind<T>(string path, YamlMappingNode root, List<ContentDiagnostic> diagnostics, out IReadOnlyDictionary<string, Position> positions)
        where T : class
    {
        var binder = new YamlBinder(path, diagnostics);
        var value = binder.BindRoot<T>(root);
        positions = binder.Positions;
        return value;
    }

    /// <summary>
    /// Parses one YAML document that must be a mapping. Syntax errors, however YamlDotNet reports them,
    /// become RPT0001 diagnostics with the best location it can find; it never throws for bad text.
    /// </summary>
    public static YamlMappingNode? ParseMapping(string path, string text, List<ContentDiagnostic> diagnostics)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1)
            {
                diagnostics.Add(new ContentDiagnostic(
                    DiagnosticIds.YamlSyntax, DiagnosticSeverity.Error, path, 1, 1,
                    stream.Documents.Count == 0 ? "the file is empty: expected a YAML mapping." : "the file holds " + stream.Documents.Count + " YAML documents; expected one."));
                return null;
            }

            if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                var node = stream.Documents[0].RootNode;
                diagnostics.Add(new ContentDiagnostic(
                    DiagnosticIds.YamlSyntax, DiagnosticSeverity.Error, path, (int)node.Start.Line, (int)node.Start.Column,
                    "the file must be a YAML mapping of keys to values."));
                return null;
            }

            return mapping;
        }
        catch (YamlException exception)
        {
            var message = exception.InnerException is not null && exception.Message.StartsWith("(Line", StringComparison.Ordinal)
                ? exception.InnerException.Message
                : exception.Message;
            diagnostics.Add(new ContentDiagnostic(
                DiagnosticIds.YamlSyntax, DiagnosticSeverity.Error, path,
                Math.Max(1, (int)exception.Start.Line), Math.Max(1, (int)exception.Start.Column),
                "YAML syntax error: " + StripLocation(message)));
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // YamlDotNet's representation model can fail without a location (e.g. an unclosed flow
            // sequence); its event parser then tells where the text stops making sense.
            var (line, column, detail) = Locate(text);
            diagnostics.Add(new ContentDiagnostic(
                DiagnosticIds.YamlSyntax, DiagnosticSeverity.Error, path, line, column,
                "YAML syntax error: " + (detail ?? exception.Message)));
            return null;
        }
    }

    private static (int Line, int Column, string? Detail) Locate(string text)
    {
        // Track open flow collections ([ or {) and the last event read, to point at something useful
        // even when the parser fails without a position of its own.
        var open = new Stack<Mark>();
        var last = Mark.Empty;
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.Start;
                switch (current)
                {
                    case SequenceStart { Style: SequenceStyle.Flow }:
                    case MappingStart { Style: MappingStyle.Flow }:
                        open.Push(current.Start);
                        break;
                    case SequenceEnd or MappingEnd when open.Count > 0:
                        open.Pop();
                        break;
                }
            }

            return (1, 1, null);
        }
        catch (YamlException exception)
        {
            return (Math.Max(1, (int)exception.Start.Line), Math.Max(1, (int)exception.Start.Column), StripLocation(exception.Message));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (open.Count > 0)
            {
                var start = open.Peek();
                return ((int)start.Line, (int)start.Column, "a '[' or '{' opened here is never closed.");
            }

            return (Math.Max(1, (int)last.Line), Math.Max(1, (int)last.Column), "the text stops making sense after this point.");
        }
    }

    private static string StripLocation(string message)
    {
        // "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): While parsing ..." -> "While parsing ..."
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && marker > 0 ? message.Substring(marker + 3) : message;
    }
}

/// <summary>Field positions of one file, for reporting rule violations at the offending value.</summary>
public sealed class Located
{
    private readonly IReadOnlyDictionary<string, Position> _positions;
    private readonly List<ContentDiagnostic> _diagnostics;

    internal Located(string path, IReadOnlyDictionary<string, Position> positions, List<ContentDiagnostic> diagnostics)
    {
        Path = path;
        _positions = positions;
        _diagnostics = diagnostics;
    }

    public string Path { get; }

    /// <summary>The position of a field, or of its nearest written parent, or the top of the file.</summary>
    public Position At(string fieldPath)
    {
        var path = fieldPath;
        while (true)
        {
            if (_positions.TryGetValue(path, out var position))
            {
                return position;
            }

            var dot = path.LastIndexOf('.');
            if (dot < 0)
            {
                return new Position(1, 1);
            }

            path = path.Substring(0, dot);
        }
    }

    public void Error(string id, string fieldPath, string message)
    {
        var at = At(fieldPath);
        _diagnostics.Add(new ContentDiagnostic(id, DiagnosticSeverity.Error, Path, at.Line, at.Column, message));
    }

    public ContentReference Reference(ContentKind kind, string id, string fieldPath)
    {
        var at = At(fieldPath);
        return new ContentReference(kind, id, Path, at.Line, at.Column);
    }
}
