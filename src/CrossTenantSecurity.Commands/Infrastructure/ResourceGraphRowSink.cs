using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// Turns the engine's Resource Graph rows (ordered dictionaries of plain values) into PSCustomObjects with
    /// one NoteProperty per column, in column order; nested objects become PSCustomObjects and lists arrays.
    /// </summary>
    internal sealed class ResourceGraphRowSink : IScopeSink<IReadOnlyDictionary<string, object?>>
    {
        public const string TypeName = "CrossTenantSecurity.ResourceGraphRow";
        private readonly IScopeSink<PSObject> _inner;

        public ResourceGraphRowSink(IScopeSink<PSObject> inner) => _inner = inner;

        public void OnResult(IReadOnlyDictionary<string, object?> item)
        {
            PSObject row = ToPSObject(item);
            row.TypeNames.Insert(0, TypeName);
            _inner.OnResult(row);
        }

        public void OnFailure(ScopeFailure failure) => _inner.OnFailure(failure);
        public void OnVerbose(string message) => _inner.OnVerbose(message);
        public void OnWarning(string message) => _inner.OnWarning(message);
        public void OnProgress(int done, int total) => _inner.OnProgress(done, total);

        internal static PSObject ToPSObject(IReadOnlyDictionary<string, object?> values)
        {
            var result = new PSObject();
            foreach (KeyValuePair<string, object?> column in values)
            {
                // PowerShell property names ignore case; two JSON keys differing only in case keep the first.
                if (result.Properties[column.Key] is not null) continue;
                result.Properties.Add(new PSNoteProperty(column.Key, ToPowerShell(column.Value)));
            }
            return result;
        }

        private static object? ToPowerShell(object? value) => value switch
        {
            string text => text,
            IReadOnlyDictionary<string, object?> nested => ToPSObject(nested),
            IReadOnlyList<object?> list => list.Select(ToPowerShell).ToArray(),
            _ => value,
        };
    }
}
