# What PowerShell remoting does to objects on their way back from a server: PSRP serialises each output
# object at depth 1 and the caller receives the deserialised property bag (Deserialized.* type names,
# no methods, AutomationNull properties as empty objects). Checked against Start-Job, which uses the same
# out-of-process PSRP transport, on pwsh 7.6.9.
function ConvertTo-ExreadyRemoted {
    param([Parameter(ValueFromPipeline)]$InputObject)
    process {
        if ($null -eq $InputObject) { return }
        [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($InputObject, 1))
    }
}
