import { readFileSync } from 'node:fs';
import { projectFile } from '../../../src/core/paths.js';

/**
 * How the collector reaches PowerShell on both transports (SSH and WinRM):
 * a short bootstrap passed with -EncodedCommand (UTF-16LE base64, so it survives cmd.exe and PowerShell default shells
 * alike), which reads the real script as base64 UTF-8 from stdin. No command-line length ceiling applies to the script.
 */
export const BOOTSTRAP =
  "$ProgressPreference='SilentlyContinue';$ErrorActionPreference='Stop';" +
  '$b=[Console]::In.ReadToEnd();' +
  '$s=[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($b.Trim()));' +
  '& ([scriptblock]::Create($s))';

export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** The command line, identical over SSH and WinRM. */
export const LAUNCH_COMMAND =
  'powershell.exe -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ' +
  encodeCommand(BOOTSTRAP);

/** What goes to the launched process's stdin: the script as base64 UTF-8, then end-of-input. */
export function stdinPayload(script: string): string {
  return Buffer.from(script, 'utf8').toString('base64') + '\r\n';
}

export function loadCollectorScript(): string {
  return readFileSync(projectFile('connectors/hyperv/collector/collector.ps1'), 'utf8');
}

/**
 * Share of the host timeout the collector may spend on sections before it emits what it has: the rest covers connecting,
 * starting PowerShell and sending the frame back.
 */
export const SOFT_DEADLINE_SHARE = 0.75;

/** The collector with its soft deadline for a host timeout, as the one line it reads first. */
export function collectorWithDeadline(timeoutMs: number, script: string = loadCollectorScript()): string {
  const seconds = Math.max(1, Math.floor((timeoutMs * SOFT_DEADLINE_SHARE) / 1000));
  return `$HvscanSoftDeadlineSeconds = ${seconds}\n${script}`;
}

/** The collector prints exactly one line: FRAME_START + base64(UTF-8 JSON) + FRAME_END. */
export const FRAME_START = '<<HVSCAN:1:';
export const FRAME_END = ':HVSCAN>>';

export function frameDocument(json: string): string {
  return FRAME_START + Buffer.from(json, 'utf8').toString('base64') + FRAME_END;
}

/**
 * Decodes PowerShell's CLIXML error stream (`#< CLIXML` then `<Objs>` with `<S S="Error">` lines) into plain text.
 * Non-CLIXML stderr is returned trimmed.
 */
export function decodeClixml(stderr: string): string {
  if (!stderr.includes('#< CLIXML')) return stderr.trim();
  const lines: string[] = [];
  for (const m of stderr.matchAll(/<S S="Error">([\s\S]*?)<\/S>/g)) {
    lines.push(
      m[1]
        .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  }
  return lines.join('').replace(/\r\n/g, '\n').trim();
}
