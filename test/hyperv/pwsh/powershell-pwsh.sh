#!/bin/sh
# powershell.exe on the private OpenSSH server (test/sshd/sshd.ts), played by real pwsh: it accepts exactly hvscan's
# launch line, preloads the mock prelude ($HVSCAN_MOCKS, host $HVSCAN_MOCK_HOST) and then runs the -EncodedCommand it
# was given, decoded by PowerShell itself. stdin (the collector) stays for the bootstrap's [Console]::In.ReadToEnd().
if [ "$#" -ne 7 ] || [ "$1 $2 $3 $4 $5 $6" != "-NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand" ]; then
  echo "stand-in powershell.exe: unexpected arguments: $*" >&2
  exit 1
fi
case "$7" in *[!A-Za-z0-9+/=]*) echo "stand-in powershell.exe: -EncodedCommand is not base64" >&2; exit 1 ;; esac
exec "$HVSCAN_PWSH" -NoLogo -NoProfile -NonInteractive -Command ". '$HVSCAN_MOCKS'; & ([scriptblock]::Create([Text.Encoding]::Unicode.GetString([Convert]::FromBase64String('$7'))))"
