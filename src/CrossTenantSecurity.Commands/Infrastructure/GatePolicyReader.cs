using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CrossTenantSecurity.Engine.Gate;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>
    /// Reads a gate policy from a .psd1 (parsed as data, never run: only literals are accepted, as Import-PowerShellDataFile
    /// does) or from parameter values. Unknown keys are errors, so a misspelt threshold never passes silently.
    /// </summary>
    internal static class GatePolicyReader
    {
        private static readonly string[] ThresholdKeys = { "MinimumSecureScore", "MaximumUnhealthy", "RequiredPlan", "MaximumScoreDrop" };
        private static readonly string[] PolicyKeys = ThresholdKeys.Concat(new[] { "Customers", "Exemptions" }).ToArray();

        public static GatePolicy ReadFile(string path)
        {
            ScriptBlockAst ast = Parser.ParseFile(path, out _, out ParseError[] errors);
            if (errors.Length > 0) throw new FormatException($"{path}: {errors[0].Message} (line {errors[0].Extent.StartLineNumber}).");
            if (ast.Find(a => a is HashtableAst, false) is not HashtableAst table)
                throw new FormatException($"{path} holds no hashtable (@{{ ... }}).");
            object value;
            try { value = table.SafeGetValue(); }
            catch (InvalidOperationException e) { throw new FormatException($"{path}: only literal values are allowed in a policy file ({e.Message})."); }
            var policy = new GatePolicy();
            Read((Hashtable)value, policy, path);
            return policy;
        }

        private static void Read(Hashtable table, GatePolicy policy, string source)
        {
            foreach (string key in table.Keys.Cast<object>().Select(k => k.ToString()!))
            {
                if (!PolicyKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                    throw new FormatException($"{source}: unknown key '{key}'. Known keys: {string.Join(", ", PolicyKeys)}.");
            }
            ReadThresholds(table, policy.Defaults, source);
            if (Get(table, "Customers") is { } customers)
            {
                if (customers is not Hashtable byTenant) throw new FormatException($"{source}: Customers must be a hashtable of tenant id = @{{ thresholds }}.");
                foreach (DictionaryEntry entry in byTenant)
                {
                    if (!Guid.TryParse(entry.Key.ToString(), out Guid tenant)) throw new FormatException($"{source}: Customers key '{entry.Key}' is not a tenant id (GUID).");
                    if (entry.Value is not Hashtable over) throw new FormatException($"{source}: Customers['{entry.Key}'] must be a hashtable.");
                    foreach (string key in over.Keys.Cast<object>().Select(k => k.ToString()!))
                    {
                        if (!ThresholdKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                            throw new FormatException($"{source}: unknown key '{key}' for customer {tenant}. Known keys: {string.Join(", ", ThresholdKeys)}.");
                    }
                    var thresholds = new GateThresholds();
                    ReadThresholds(over, thresholds, $"{source} (customer {tenant})");
                    policy.Customers[tenant] = thresholds;
                }
            }
            if (Get(table, "Exemptions") is { } exemptions)
            {
                IEnumerable<object?> items = exemptions is object[] array ? array : new[] { exemptions };
                foreach (object? item in items)
                {
                    if (item is not Hashtable e) throw new FormatException($"{source}: each exemption must be a hashtable with Check, Scope, Reason and Expires.");
                    string check = Text(e, "Check", source), scope = Text(e, "Scope", source), reason = Text(e, "Reason", source), expires = Text(e, "Expires", source);
                    if (!DateTimeOffset.TryParse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset until))
                        throw new FormatException($"{source}: exemption of {check} for {scope}: Expires '{expires}' is not a date (use yyyy-MM-dd).");
                    if (until.TimeOfDay == TimeSpan.Zero) until = until.AddDays(1).AddTicks(-1); // a date means through that day
                    policy.Exemptions.Add(new GateExemption(check, scope, reason, until));
                }
            }
        }

        public static void ReadThresholds(Hashtable table, GateThresholds into, string source)
        {
            if (Get(table, "MinimumSecureScore") is { } minimum) ReadMinimum(minimum, into, source);
            if (Get(table, "MaximumUnhealthy") is { } maximum) ReadMaximumUnhealthy(maximum, into, source);
            if (Get(table, "RequiredPlan") is { } plans) into.RequiredPlans = (plans is object[] list ? list : new[] { plans }).Select(p => p?.ToString() ?? string.Empty).Where(p => p.Length > 0).ToList();
            if (Get(table, "MaximumScoreDrop") is { } drop) into.MaximumScoreDrop = Number(drop, "MaximumScoreDrop", source);
        }

        /// <summary>A number (subscriptions and customers) or @{ Subscription = n; Customer = n }.</summary>
        public static void ReadMinimum(object value, GateThresholds into, string source)
        {
            value = value is PSObject ps ? ps.BaseObject : value;
            if (value is IDictionary scopes)
            {
                foreach (DictionaryEntry entry in scopes)
                {
                    string key = entry.Key.ToString() ?? string.Empty;
                    if (key.Equals("Subscription", StringComparison.OrdinalIgnoreCase)) into.MinimumSubscriptionScore = Number(entry.Value, "MinimumSecureScore.Subscription", source);
                    else if (key.Equals("Customer", StringComparison.OrdinalIgnoreCase) || key.Equals("Tenant", StringComparison.OrdinalIgnoreCase)) into.MinimumCustomerScore = Number(entry.Value, "MinimumSecureScore.Customer", source);
                    else throw new FormatException($"{source}: MinimumSecureScore takes Subscription and Customer, not '{key}'.");
                }
                return;
            }
            double both = Number(value, "MinimumSecureScore", source);
            into.MinimumSubscriptionScore = both;
            into.MinimumCustomerScore = both;
        }

        public static void ReadMaximumUnhealthy(object value, GateThresholds into, string source)
        {
            value = value is PSObject ps ? ps.BaseObject : value;
            if (value is not IDictionary bySeverity) throw new FormatException($"{source}: MaximumUnhealthy must be a hashtable such as @{{ High = 0; Medium = 10 }}.");
            foreach (DictionaryEntry entry in bySeverity)
            {
                string severity = entry.Key.ToString() ?? string.Empty;
                if (!new[] { "High", "Medium", "Low" }.Contains(severity, StringComparer.OrdinalIgnoreCase)) throw new FormatException($"{source}: MaximumUnhealthy takes High, Medium and Low, not '{severity}'.");
                double n = Number(entry.Value, "MaximumUnhealthy." + severity, source);
                if (n < 0 || n != Math.Floor(n)) throw new FormatException($"{source}: MaximumUnhealthy.{severity} must be a whole number of 0 or more.");
                into.MaximumUnhealthy[char.ToUpperInvariant(severity[0]) + severity.Substring(1).ToLowerInvariant()] = (int)n;
            }
        }

        private static object? Get(Hashtable table, string key)
        {
            foreach (DictionaryEntry entry in table)
            {
                if (string.Equals(entry.Key.ToString(), key, StringComparison.OrdinalIgnoreCase)) return entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
            }
            return null;
        }

        private static string Text(Hashtable table, string key, string source) =>
            Get(table, key)?.ToString() is { Length: > 0 } text ? text : throw new FormatException($"{source}: an exemption needs {key} (Check, Scope, Reason and Expires are all required).");

        private static double Number(object? value, string name, string source)
        {
            value = value is PSObject ps ? ps.BaseObject : value;
            try { return Convert.ToDouble(value, CultureInfo.InvariantCulture); }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException) { throw new FormatException($"{source}: {name} must be a number, not '{value}'."); }
        }
    }
}
