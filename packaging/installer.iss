; Inno Setup script: the Windows installer for govreport (per user, no administrator).
;
; Build dist\govreport\ first (packaging\build_windows.ps1 does both), then:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\installer.iss
; Output: dist\govreport-<version>-setup.exe
;
; - Installs for the current user into %LOCALAPPDATA%\Programs\govreport: no UAC prompt,
;   which clerks on locked-down office PCs cannot answer anyway.
; - Start menu entries (the app, and the app with the sample report) and a desktop icon.
; - Setup speaks Simplified Chinese when ChineseSimplified.isl is available: in Inno Setup's
;   own Languages folder (newer releases ship it) or next to this script (download it from
;   the Inno Setup translations page once and put it here). Otherwise setup is in English.
; - Uninstalling (or upgrading) removes only the program. The clerk's drafts and backups
;   live in %APPDATA%\govreport, which this installer never touches.
; - Windows 10 1809 (build 17763) or later, 64-bit: what Qt 6 supports.
; - Needs Inno Setup 6.3 or later (x64compatible). Paths are relative to this file.
; Save this file as UTF-8 with BOM (it holds Chinese text).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "政府信息公开年度报告填报助手"
#define AppExe "govreport.exe"

#if !FileExists(AddBackslash(SourcePath) + "..\dist\govreport\" + AppExe)
  #error "dist\govreport\govreport.exe not found: build the one-folder app first (build_windows.ps1)"
#endif

#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseMessages "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseMessages AddBackslash(SourcePath) + "ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: setup will be in English (see the top of installer.iss)"
#endif

[Setup]
AppId={{85538C0B-1615-4E46-BFC9-02159DE8CAC2}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=govreport
VersionInfoVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\govreport
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
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

[Languages]
#ifdef ChineseMessages
Name: "chs"; MessagesFile: "{#ChineseMessages}"
#else
Name: "chs"; MessagesFile: "compiler:Default.isl"
#endif

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
