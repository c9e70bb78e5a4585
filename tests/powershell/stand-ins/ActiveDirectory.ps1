# The Active Directory stand-in ([adsi], [adsisearcher] over an in-memory directory) is the lab's own, so the Pester
# tests and the lab module read AD through the same shapes. Dot-source from BeforeAll.
. (Join-Path $PSScriptRoot '../../../resources/powershell/lab/ExreadyLabDirectory.ps1')
