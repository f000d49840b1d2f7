; Inno Setup script: the Windows installer for govreport (per user by default, no administrator).
;
; Build dist\govreport\ first (packaging\build_windows.ps1 does both), then:
;   ISCC.exe /DAppVersion=0.1.0 packaging\installer.iss
; Output: dist\govreport-<version>-setup.exe
;
; - Installs for the current user into %LOCALAPPDATA%\Programs\govreport: no UAC prompt,
;   which clerks on locked-down office PCs cannot answer anyway.
; - Or for all users into Program Files, for IT to push (AppLocker's default rules allow
;   programs only under Program Files and Windows): setup asks which, or on the command line
;     govreport-<version>-setup.exe /ALLUSERS /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;   ({autopf}, {autoprograms} and {autodesktop} follow the mode chosen).
; - Start menu entries (the app, and the app with the sample report) and a desktop icon.
; - Setup speaks Simplified Chinese from ChineseSimplified.isl next to this script (Inno Setup 6
;   ships none). Without that file the build stops with an error: an English installer is a bug.
; - Uninstalling (or upgrading) removes only the program. The clerk's drafts and backups
;   live in %APPDATA%\govreport, which this installer never touches.
; - Windows 10 1809 (build 17763) or later, 64-bit: what Qt 6 supports.
; - Needs Inno Setup 6.5 or later (6.x or 7.x): the message ids of ChineseSimplified.isl are
;   those of 6.5+. Paths are relative to this file.
; - Code signing: ISCC /DSignTool=<name> /S<name>="signtool.exe sign ... $f" signs setup and
;   uninstaller (build_windows.ps1 -SignCommand does this; see README, 代码签名).
; Save this file as UTF-8 with BOM (it holds Chinese text).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "政府信息公开年度报告填报助手"
#define AppExe "govreport.exe"

#if !FileExists(AddBackslash(SourcePath) + "..\dist\govreport\" + AppExe)
  #error "dist\govreport\govreport.exe not found: build the one-folder app first (build_windows.ps1)"
#endif

#if Ver < EncodeVer(6, 5, 0)
  #error "Inno Setup 6.5 or later is needed (ChineseSimplified.isl holds the messages of 6.5+)"
#endif

#define ChineseMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#if !FileExists(ChineseMessages)
  #error "packaging\ChineseSimplified.isl not found: setup would come out in English"
#endif

[Setup]
AppId={{85538C0B-1615-4E46-BFC9-02159DE8CAC2}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=govreport
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\govreport
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\dist
OutputBaseFilename=govreport-{#AppVersion}-setup
SetupIconFile=..\resources\icons\govreport.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ShowLanguageDialog=no

#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
Name: "chs"; MessagesFile: "{#ChineseMessages}"

[Messages]
FinishedLabel=已安装完成。%n%n草稿和自动备份保存在本用户的 AppData\Roaming\govreport 文件夹中；卸载或升级本程序都不会删除它们。备份时复制整个文件夹即可。

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "快捷方式："

[InstallDelete]
; An upgrade replaces the whole program folder: no stale libraries from the old version.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\govreport\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{#AppName}（示例报告）"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "启动 {#AppName}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes what [Files] installed and nothing else.
