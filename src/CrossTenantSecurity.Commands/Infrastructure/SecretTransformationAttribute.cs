using System;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;

namespace CrossTenantSecurity.Commands.Infrastructure
{
    /// <summary>Lets a secret parameter take a plain string or a SecureString (as Az's -AccessToken does).</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class SecretTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is SecureString secure ? Reveal(secure) : value;
        }

        internal static string Reveal(SecureString secure)
        {
            IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try { return Marshal.PtrToStringUni(pointer) ?? string.Empty; }
            finally { Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
        }
    }
}
