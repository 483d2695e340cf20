#!/usr/bin/env bash
# Installs the test tools that are not Debian or npm packages into one directory ($HVSCAN_TOOLS, default
# /opt/hvscan-tools), from NuGet through the machine's normal NuGet configuration:
#   pwsh/pwsh                     PowerShell 7.6.10 as a .NET tool (7.7.0 does not install on this machine)
#   Modules/Pester/5.7.1          Pester 5.7.1, the module unpacked from its NuGet package
# The tests find pwsh there (test/hyperv/pwsh/locate.ts). Idempotent: returns at once when both are in place.
set -euo pipefail

TOOLS="${HVSCAN_TOOLS:-/opt/hvscan-tools}"
PWSH_VERSION=7.6.10
PESTER_VERSION=5.7.1
PESTER_DIR="$TOOLS/Modules/Pester/$PESTER_VERSION"

have_pwsh() { [ -x "$TOOLS/pwsh/pwsh" ] && [ "$("$TOOLS/pwsh/pwsh" -NoLogo -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null)" = "$PWSH_VERSION" ]; }

if ! have_pwsh; then
  command -v dotnet >/dev/null || { echo "install-test-tools: dotnet SDK not found (needed to install PowerShell $PWSH_VERSION as a .NET tool)" >&2; exit 1; }
  rm -rf "$TOOLS/pwsh"
  dotnet tool install --tool-path "$TOOLS/pwsh" PowerShell --version "$PWSH_VERSION" >/dev/null
  have_pwsh || { echo "install-test-tools: $TOOLS/pwsh/pwsh does not report PowerShell $PWSH_VERSION" >&2; exit 1; }
fi

if [ ! -f "$PESTER_DIR/Pester.psd1" ]; then
  # A throwaway project restore downloads the package exactly as NuGet is configured here (sources, proxy, signing).
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cat >"$work/fetch.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$PESTER_VERSION]" /></ItemGroup>
</Project>
CSPROJ
  dotnet restore "$work/fetch.csproj" --packages "$work/packages" >/dev/null
  # The .nupkg keeps the module under tools/ (Pester.psd1, Pester.psm1, bin/).
  mkdir -p "$PESTER_DIR.tmp"
  cp -R "$work/packages/pester/$PESTER_VERSION/tools/." "$PESTER_DIR.tmp/"
  rm -rf "$PESTER_DIR"
  mv "$PESTER_DIR.tmp" "$PESTER_DIR"
fi

loaded="$("$TOOLS/pwsh/pwsh" -NoLogo -NoProfile -NonInteractive -Command "Import-Module '$PESTER_DIR/Pester.psd1'; (Get-Module Pester).Version.ToString()")"
[ "$loaded" = "$PESTER_VERSION" ] || { echo "install-test-tools: Pester $PESTER_VERSION does not load from $PESTER_DIR (got '$loaded')" >&2; exit 1; }
echo "install-test-tools: PowerShell $PWSH_VERSION and Pester $PESTER_VERSION in $TOOLS"
