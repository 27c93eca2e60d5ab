using System.Net;

namespace Vidsnap.Testing;

/// <summary>One span as an OTLP exporter sent it: the service that made it, its ids (hex), name, kind and string attributes.</summary>
public sealed record ReceivedSpan(
    string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    public const int Server = 2;
    public const int Producer = 4;
    public const int Consumer = 5;
}

/// <summary>
/// A small OTLP/HTTP (protobuf) receiver on a free loopback port, so a test can read what the roles export
/// through the standard OTEL_EXPORTER_OTLP_* settings. Keeps spans; accepts and drops metrics and logs.
/// </summary>
public sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<ReceivedSpan> spans = [];
    private readonly Task loop;

    public OtlpReceiver()
    {
        Endpoint = new Uri($"http://127.0.0.1:{HostProcess.FreePort()}");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (spans)
            {
                return [.. spans];
            }
        }
    }

    public void Dispose()
    {
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            // Each export on its own task, and a failed one answered and forgotten: six roles export every 200 ms,
            // and an exporter that gives up on a slow answer aborts its request, which must not end this loop
            // (it did, and every span after it was lost).
            _ = Task.Run(() => ReceiveAsync(context));
        }
    }

    private async Task ReceiveAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                var received = ReadTraces(body.ToArray());
                lock (spans)
                {
                    spans.AddRange(received);
                }
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A body cut short (an aborted export) or one this reader cannot parse: refused, and the loop serves on.
            context.Response.Abort();
        }
    }

    // ExportTraceServiceRequest { ResourceSpans resource_spans = 1 }; ResourceSpans { Resource resource = 1; ScopeSpans scope_spans = 2 };
    // Resource { KeyValue attributes = 1 }; ScopeSpans { Span spans = 2 };
    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6; KeyValue attributes = 9 }.
    private static List<ReceivedSpan> ReadTraces(byte[] request)
    {
        var result = new List<ReceivedSpan>();
        foreach (var (field, resourceSpans) in Protobuf.Fields(request))
        {
            if (field != 1)
            {
                continue;
            }

            var service = "";
            var spanMessages = new List<byte[]>();
            foreach (var (f, value) in Protobuf.Fields(resourceSpans))
            {
                if (f == 1)
                {
                    Protobuf.Attributes(value, 1).TryGetValue("service.name", out var name);
                    service = name ?? "";
                }
                else if (f == 2)
                {
                    spanMessages.AddRange(Protobuf.Fields(value).Where(s => s.Field == 2).Select(s => s.Value));
                }
            }

            foreach (var span in spanMessages)
            {
                string traceId = "", spanId = "", parent = "", name = "";
                var kind = 0;
                foreach (var (f, value) in Protobuf.Fields(span))
                {
                    switch (f)
                    {
                        case 1: traceId = Convert.ToHexStringLower(value); break;
                        case 2: spanId = Convert.ToHexStringLower(value); break;
                        case 4: parent = Convert.ToHexStringLower(value); break;
                        case 5: name = System.Text.Encoding.UTF8.GetString(value); break;
                        case 6: kind = (int)Protobuf.VarintValue(value); break;
                    }
                }

                result.Add(new ReceivedSpan(service, traceId, spanId, parent, name, kind, Protobuf.Attributes(span, 9)));
            }
        }

        return result;
    }

    /// <summary>Just enough of the protobuf wire format to read OTLP spans.</summary>
    private static class Protobuf
    {
        /// <summary>Each field of a message: length-delimited values as their bytes, varints as their encoding.</summary>
        public static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message)
        {
            var position = 0;
            while (position < message.Length)
            {
                var tag = ReadVarint(message, ref position);
                var field = (int)(tag >> 3);
                switch ((int)(tag & 7))
                {
                    case 0:
                        var start = position;
                        ReadVarint(message, ref position);
                        yield return (field, message[start..position]);
                        break;
                    case 1:
                        yield return (field, message[position..(position + 8)]);
                        position += 8;
                        break;
                    case 2:
                        var length = (int)ReadVarint(message, ref position);
                        yield return (field, message[position..(position + length)]);
                        position += length;
                        break;
                    case 5:
                        yield return (field, message[position..(position + 4)]);
                        position += 4;
                        break;
                    default:
                        throw new InvalidDataException($"Unsupported protobuf wire type in tag {tag}.");
                }
            }
        }

        /// <summary>String-valued KeyValue attributes of a message, stored in the given field (AnyValue.string_value = 1).</summary>
        public static Dictionary<string, string> Attributes(byte[] message, int field)
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (_, keyValue) in Fields(message).Where(f => f.Field == field))
            {
                string? key = null, text = null;
                foreach (var (f, value) in Fields(keyValue))
                {
                    if (f == 1)
                    {
                        key = System.Text.Encoding.UTF8.GetString(value);
                    }
                    else if (f == 2)
                    {
                        var stringValue = Fields(value).FirstOrDefault(v => v.Field == 1).Value;
                        text = stringValue is null ? null : System.Text.Encoding.UTF8.GetString(stringValue);
                    }
                }

                if (key is not null && text is not null)
                {
                    attributes[key] = text;
                }
            }

            return attributes;
        }

        public static ulong VarintValue(byte[] encoded)
        {
            var position = 0;
            return ReadVarint(encoded, ref position);
        }

        private static ulong ReadVarint(byte[] buffer, ref int position)
        {
            ulong result = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = buffer[position++];
                result |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    return result;
                }
            }
        }
    }
}
