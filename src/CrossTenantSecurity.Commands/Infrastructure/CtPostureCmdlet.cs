using System;
using System.Management.Automation;
using CrossTenantSecurity.Engine;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>A scoped command that reads Defender posture, from ARM or Resource Graph as -Source says.</summary>
    public abstract class CtPostureCmdlet<T> : CtScopedCmdlet<T>
    {
        /// <summary>Arm, ResourceGraph, or Auto (Resource Graph for heavy lists across 50 or more subscriptions).</summary>
        [Parameter]
        [ValidateSet("Auto", "Arm", "ResourceGraph")]
        public string Source { get; set; } = "Auto";

        internal override void Configure(PostureQuery query) =>
            query.Source = (PostureSource)Enum.Parse(typeof(PostureSource), Source, ignoreCase: true);
    }
}
