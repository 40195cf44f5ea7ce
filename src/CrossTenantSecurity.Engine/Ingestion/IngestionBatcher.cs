using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace CrossTenantSecurity.Engine.Ingestion
{
    /// <summary>
    /// Splits rows into JSON array bodies for the Logs Ingestion API, each under its 1 MB per-call limit (with a margin),
    /// every row in exactly one body, in order. A single row larger than the limit is an error, never split or dropped.
    /// </summary>
    public static class IngestionBatcher
    {
        /// <summary>The API takes at most 1 MB per call; 950,000 bytes leaves room for framing.</summary>
        public const int DefaultMaxBytes = 950_000;

        public static IReadOnlyList<byte[]> Batch(IEnumerable<IReadOnlyDictionary<string, object?>> rows, int maxBytes = DefaultMaxBytes)
        {
            if (rows is null) throw new ArgumentNullException(nameof(rows));
            var bodies = new List<byte[]>();
            var current = new MemoryStream();
            int count = 0;
            foreach (IReadOnlyDictionary<string, object?> row in rows)
            {
                byte[] json = JsonSerializer.SerializeToUtf8Bytes(row);
                if (json.Length + 2 > maxBytes) throw new InvalidOperationException($"One row is {json.Length} bytes, over the {maxBytes}-byte limit of one call.");
                // "[" + rows joined by "," + "]"
                if (count > 0 && current.Length + 1 + json.Length + 1 > maxBytes)
                {
                    bodies.Add(Close(current));
                    current = new MemoryStream();
                    count = 0;
                }
                current.WriteByte(count == 0 ? (byte)'[' : (byte)',');
                current.Write(json, 0, json.Length);
                count++;
            }
            if (count > 0) bodies.Add(Close(current));
            return bodies;
        }

        private static byte[] Close(MemoryStream stream)
        {
            stream.WriteByte((byte)']');
            return stream.ToArray();
        }
    }
}
