# Get-PSSessionConfiguration: name, the raw Permission text, the SDDL and Enabled ("true"/"false" text from the plugin).
function Get-ExreadySessionConfigurations {
    [CmdletBinding()]
    param()

    Get-PSSessionConfiguration -ErrorAction Stop | ForEach-Object {
        $enabled = $null
        if ($null -ne $_.Enabled) { $enabled = [string]$_.Enabled }
        [pscustomobject]@{
            name       = [string]$_.Name
            permission = [string]$_.Permission
            sddl       = [string]$_.SecurityDescriptorSddl
            enabled    = $enabled
        }
    }
}
