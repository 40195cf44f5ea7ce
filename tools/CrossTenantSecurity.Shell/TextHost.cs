using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace CrossTenantSecurity.Shell
{
    /// <summary>
    /// A minimal non-interactive PowerShell host that writes everything (formatted output, errors,
    /// warnings, verbose) to a TextWriter. It lets Out-Default render tables with the module's format
    /// file in an engine that has only the Core cmdlets.
    /// </summary>
    public sealed class TextHost : PSHost
    {
        private readonly TextHostUserInterface _ui;

        public TextHost(TextWriter output, int width = 120, bool supportsVirtualTerminal = false)
        {
            _ui = new TextHostUserInterface(output, width, supportsVirtualTerminal);
        }

        public override string Name => "CrossTenantSecurity.TextHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public int? ExitCode { get; private set; }

        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
        public override void EnterNestedPrompt() => throw new NotSupportedException("This host is not interactive.");
        public override void ExitNestedPrompt() => throw new NotSupportedException("This host is not interactive.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    internal sealed class TextHostUserInterface : PSHostUserInterface
    {
        private readonly TextWriter _output;
        private readonly TextHostRawUserInterface _raw;

        private readonly bool _supportsVirtualTerminal;

        public TextHostUserInterface(TextWriter output, int width, bool supportsVirtualTerminal)
        {
            _output = output;
            _raw = new TextHostRawUserInterface(width);
            _supportsVirtualTerminal = supportsVirtualTerminal;
        }

        public override PSHostRawUserInterface RawUI => _raw;
        public override bool SupportsVirtualTerminal => _supportsVirtualTerminal;

        public override void Write(string value) => _output.Write(Render(value));
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _output.Write(Render(value));
        public override void WriteLine(string value) => _output.WriteLine(Render(value));
        public override void WriteErrorLine(string value) => _output.WriteLine(Render(value));

        /// <summary>Table headers carry colour escapes whatever the host says; drop them where nothing renders them.</summary>
        private string Render(string value) => _supportsVirtualTerminal || value is null ? value! : AnsiEscape.Replace(value, string.Empty);

        private static readonly System.Text.RegularExpressions.Regex AnsiEscape =
            new System.Text.RegularExpressions.Regex("\\x1b\\[[0-9;]*[A-Za-z]", System.Text.RegularExpressions.RegexOptions.Compiled);
        public override void WriteDebugLine(string message) => _output.WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => _output.WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => _output.WriteLine("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteInformation(InformationRecord record) => _output.WriteLine(record.MessageData?.ToString());

        public override string ReadLine() => throw new NotSupportedException("This host is not interactive.");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("This host is not interactive.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("This host is not interactive.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException("This host is not interactive.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException("This host is not interactive.");
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => defaultChoice;
    }

    internal sealed class TextHostRawUserInterface : PSHostRawUserInterface
    {
        private readonly Size _size;

        public TextHostRawUserInterface(int width) => _size = new Size(width, 50);

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get => new Size(_size.Width, 9999); set { } }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => _size;
        public override Size MaxWindowSize => _size;
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get => _size; set { } }
        public override string WindowTitle { get; set; } = string.Empty;

        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("This host is not interactive.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException();
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException();
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException();
    }
}
