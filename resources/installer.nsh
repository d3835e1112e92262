; electron-builder includes this in the Windows installer (electron-builder.json → nsis.include).
; The finish page offers "Start EquineOps Client Sync when I sign in", so the nightly sync
; runs without anyone opening the app. It writes the same per-user Run entry the app's own
; Settings → "Launch at login" switch writes (Electron's setLoginItemSettings, named by the
; app's AppUserModelId, which is the appId), so either place can turn it off again.

!macro customFinishPage
  Function StartApp
    ${StdUtils.ExecShellAsUser} $0 "$launchLink" "open" ""
  FunctionEnd

  Function LaunchAtLogin
    WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "${APP_ID}" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" --in-tray'
  FunctionEnd

  !define MUI_FINISHPAGE_RUN
  !define MUI_FINISHPAGE_RUN_FUNCTION "StartApp"
  !define MUI_FINISHPAGE_SHOWREADME
  !define MUI_FINISHPAGE_SHOWREADME_TEXT "Start EquineOps Client Sync when I sign in (for the nightly sync)"
  !define MUI_FINISHPAGE_SHOWREADME_FUNCTION "LaunchAtLogin"
  !insertmacro MUI_PAGE_FINISH
!macroend

!macro customUnInstall
  ; Leaves no login item pointing at a removed app.
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "${APP_ID}"
!macroend
