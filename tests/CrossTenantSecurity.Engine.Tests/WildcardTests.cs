using System;
using CrossTenantSecurity.Engine.Common;

namespace CrossTenantSecurity.Engine.Tests
{
    /// <summary>The engine's -like matcher; the expected answers are PowerShell 7's (checked against WildcardPattern with IgnoreCase).</summary>
    public class WildcardTests
    {
        [Theory]
        [InlineData("VirtualMachines", "VirtualMachines", true)]
        [InlineData("virtualmachines", "VirtualMachines", true)]
        [InlineData("Storage*", "StorageAccounts", true)]
        [InlineData("Storage*", "KeyVaults", false)]
        [InlineData("*Servers", "SqlServers", true)]
        [InlineData("Sql*Machines", "SqlServerVirtualMachines", true)]
        [InlineData("?ns", "Dns", true)]
        [InlineData("??s", "Arm", false)]
        [InlineData("[AK]*", "KeyVaults", true)]
        [InlineData("[AK]*", "Dns", false)]
        [InlineData("[a-c]*", "CloudPosture", true)]
        [InlineData("[A-C]*", "api", true)]
        [InlineData("[a-]", "-", true)]
        [InlineData("[]a]", "]", true)]
        [InlineData("PCI`*", "PCI*", true)]
        [InlineData("PCI`*", "PCI-DSS", false)]
        [InlineData("a`[b`]", "a[b]", true)]
        [InlineData("*a*b", "xaxxb", true)]
        [InlineData("a*a", "aa", true)]
        [InlineData("a*a", "a", false)]
        [InlineData("*", "", true)]
        [InlineData("", "", true)]
        [InlineData("", "a", false)]
        [InlineData("abc`", "abc`", true)]
        [InlineData("`", "", true)]
        public void Matches_as_PowerShell_like_does(string pattern, string value, bool expected) =>
            Assert.Equal(expected, WildcardPattern.Parse(pattern).IsMatch(value));

        [Theory]
        [InlineData("[abc")]
        [InlineData("[z-a]")]
        [InlineData("[]")]
        public void An_open_bracket_or_a_reversed_range_is_invalid_with_PowerShells_message(string pattern)
        {
            var e = Assert.Throws<ArgumentException>(() => WildcardPattern.Parse(pattern));
            Assert.Equal($"The specified wildcard character pattern is not valid: {pattern}", e.Message);
        }

        [Fact]
        public void No_value_matches_nothing()
        {
            Assert.False(WildcardPattern.Parse("*").IsMatch(null));
        }

        [Fact]
        public void A_set_matches_any_of_its_patterns_and_no_patterns_match_everything()
        {
            WildcardSet set = WildcardSet.Parse(new[] { "Storage*", "Dns" });
            Assert.True(set.Matches("storageaccounts"));
            Assert.True(set.Matches("DNS"));
            Assert.False(set.Matches("Arm"));
            Assert.True(WildcardSet.Parse(Array.Empty<string>()).Matches("anything"));
            Assert.True(WildcardSet.Parse(null).IsEmpty);
        }
    }
}
