<#
.SYNOPSIS
  Build the Windows one-folder app (dist\govreport\), a zip of it, and the installer.

.DESCRIPTION
  Run on a 64-bit Windows 10/11 build PC with 64-bit Python 3.11 or 3.12 from python.org
  (it installs the "py" launcher), from the repository's top folder:

      powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1

  Steps: a build venv (build\venv-win) gets PyInstaller and the project installed as a
  wheel (not editable); PyInstaller builds dist\govreport\ from packaging\govreport.spec
  (govreport.exe for the clerks, govreport-cli.exe for scripts); govreport-cli.exe
  --smoke must pass (it needs a Chinese font, which every Chinese Windows has); the folder
  is zipped to dist\govreport-<version>-win64.zip; and, when Inno Setup 6.3+ is
  installed, packaging\installer.iss makes dist\govreport-<version>-setup.exe.

  This script cannot be run on the Linux development machine; it has not been run yet.

.PARAMETER PythonVersion
  Passed to the py launcher, e.g. "3.12". Default 3.11.
.PARAMETER Fresh
  Recreate the build venv.
.PARAMETER Offline
  Install from wheelhouse\ only (make it with packaging/make_wheelhouse.sh --build-tools).
.PARAMETER NoInstaller
  Stop after the zip.
#>
param(
    [string]$PythonVersion = "3.11",
    [switch]$Fresh,
    [switch]$Offline,
    [switch]$NoInstaller
)
$ErrorActionPreference = "Stop"

function Invoke-Checked {
    # Native programs do not throw on failure; stop on a non-zero exit code.
    param([string]$Program, [string[]]$Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..")).Path
$Build = Join-Path $Root "build"
$Venv = Join-Path $Build "venv-win"
$Python = Join-Path $Venv "Scripts\python.exe"
$Dist = Join-Path $Root "dist"
$Started = Get-Date

if ($Fresh -and (Test-Path $Venv)) { Remove-Item -Recurse -Force $Venv }
if (-not (Test-Path $Python)) {
    Invoke-Checked "py" @("-$PythonVersion", "-m", "venv", $Venv)
}
$PipSource = @()
if ($Offline) { $PipSource = @("--no-index", "--find-links", (Join-Path $Root "wheelhouse")) }
Invoke-Checked $Python (@("-m", "pip", "install", "-q") + $PipSource + @("pyinstaller>=6.10,<7"))
Invoke-Checked $Python (@("-m", "pip", "install", "-q", "--force-reinstall", "--no-deps") + $PipSource + @($Root))
Invoke-Checked $Python (@("-m", "pip", "install", "-q") + $PipSource + @($Root))
$Version = (& $Python -c "import govreport_gui; print(govreport_gui.__version__)").Trim()

Invoke-Checked $Python @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", $Dist, "--workpath", (Join-Path $Build "pyinstaller"),
    (Join-Path $Root "packaging\govreport.spec"))
$Bundle = Join-Path $Dist "govreport"
$Built = Get-Date

Invoke-Checked (Join-Path $Bundle "govreport-cli.exe") @("--smoke")

$Zip = Join-Path $Dist "govreport-$Version-win64.zip"
Compress-Archive -Path $Bundle -DestinationPath $Zip -Force
$SizeMB = [math]::Round(((Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum) / 1MB, 1)
Write-Host "bundle: $SizeMB MB in $Bundle; zip: $Zip; build $([int]($Built - $Started).TotalSeconds) s"

if ($NoInstaller) { exit 0 }
$Iscc = (Get-Command "iscc.exe" -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    $Iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
        "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) {
    Write-Warning "Inno Setup 6 not found: no installer made (the zip is ready). Install Inno Setup 6.3+ and rerun."
    exit 0
}
Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", (Join-Path $Root "packaging\installer.iss"))
Write-Host "installer: $(Join-Path $Dist "govreport-$Version-setup.exe")"
