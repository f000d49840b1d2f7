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
  is zipped to dist\govreport-<version>-win64.zip; and, when Inno Setup 6.5+ or 7 is
  installed, packaging\installer.iss makes dist\govreport-<version>-setup.exe (in Chinese:
  ISCC stops with an error if packaging\ChineseSimplified.isl is missing).

  With -SignCommand, govreport.exe and govreport-cli.exe are signed right after PyInstaller
  (before the smoke test, so the signed files are the ones tested), and ISCC signs the
  installer and its uninstaller through installer.iss's SignTool. See README, "Code signing".

  This script cannot be run on the Linux development machine; it has not been run yet.

.PARAMETER PythonVersion
  Passed to the py launcher, e.g. "3.12". Default 3.11.
.PARAMETER Fresh
  Recreate the build venv.
.PARAMETER Offline
  Install from wheelhouse\ only (make it with packaging/make_wheelhouse.sh --build-tools).
.PARAMETER NoInstaller
  Stop after the zip.
.PARAMETER SignCommand
  The signing program and its arguments, comma-separated; the file to sign is added last:
      -SignCommand signtool.exe,sign,/fd,SHA256,/tr,http://timestamp.digicert.com,/td,SHA256,/a
  (signtool.exe comes with the Windows SDK; /a picks the certificate from the store, or use
  /f cert.pfx /p password). Without it nothing is signed.
#>
param(
    [string]$PythonVersion = "3.11",
    [switch]$Fresh,
    [switch]$Offline,
    [switch]$NoInstaller,
    [string[]]$SignCommand = @()
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

# The MSVC C++ runtime: an older msvcp140.dll loaded before PySide6's crashes Qt (built
# with a newer MSVC) at its first mutex lock. Show every copy; refuse differing versions.
$Msvcp = @(Get-ChildItem $Bundle -Recurse -Filter "msvcp140.dll")
$Msvcp | ForEach-Object { Write-Host "msvcp140.dll $($_.VersionInfo.FileVersion) in $($_.DirectoryName)" }
if (@($Msvcp | ForEach-Object { $_.VersionInfo.FileVersion } | Sort-Object -Unique).Count -gt 1) {
    throw "dist\govreport holds msvcp140.dll in different versions: keep only PySide6's"
}

if ($SignCommand) {
    # The two programs clerks and scripts start; the DLLs are Python's and Qt's, signed by them.
    foreach ($Exe in @("govreport.exe", "govreport-cli.exe")) {
        Invoke-Checked $SignCommand[0] (@($SignCommand | Select-Object -Skip 1) + @((Join-Path $Bundle $Exe)))
    }
}

Invoke-Checked (Join-Path $Bundle "govreport-cli.exe") @("--smoke")

$Zip = Join-Path $Dist "govreport-$Version-win64.zip"
Compress-Archive -Path $Bundle -DestinationPath $Zip -Force
$SizeMB = [math]::Round(((Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum) / 1MB, 1)
Write-Host "bundle: $SizeMB MB in $Bundle; zip: $Zip; build $([int]($Built - $Started).TotalSeconds) s"

if ($NoInstaller) { exit 0 }
$Iscc = (Get-Command "iscc.exe" -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    # Newest first; per-machine installs in either Program Files, per-user ones in LocalAppData.
    $Candidates = foreach ($Major in @("7", "6")) {
        foreach ($Base in @(${env:ProgramFiles}, ${env:ProgramFiles(x86)}, (Join-Path $env:LOCALAPPDATA "Programs"))) {
            if ($Base) { Join-Path $Base "Inno Setup $Major\ISCC.exe" }
        }
    }
    $Iscc = $Candidates | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) {
    Write-Warning "Inno Setup (6.5+ or 7) not found: no installer made (the zip is ready). Install it and rerun."
    exit 0
}
$IsccArgs = @("/Q", "/DAppVersion=$Version")
if ($SignCommand) {
    # installer.iss sets SignTool=govsign when SignTool is defined; ISCC puts the file for $f.
    $Quoted = $SignCommand | ForEach-Object { if ($_ -match "\s") { "`$q$_`$q" } else { $_ } }
    $IsccArgs += @("/DSignTool=govsign", "/Sgovsign=$($Quoted -join ' ') `$f")
}
Invoke-Checked $Iscc ($IsccArgs + @((Join-Path $Root "packaging\installer.iss")))
Write-Host "installer: $(Join-Path $Dist "govreport-$Version-setup.exe")"
