# The lab module's Invoke-Command stands in for remoting in the contract and the bench: it must fan out as remoting
# does, or a bench of dropped ports measures the lab instead of the collector. Run in a thread job so the lab's
# functions never replace the real ones in the Pester process.
BeforeAll {
    $labModule = Join-Path $PSScriptRoot '../../../resources/powershell/lab/ExreadyLab.psm1'
    $labFile = Join-Path $TestDrive 'lab.json'
    $servers = @('exch01.contoso.com', 'exch02.contoso.com', 'exch03.contoso.com')
    $lab = [ordered]@{
        simulated       = $true
        jumpHost        = 'jump01.contoso.com'
        exchangeServers = @($servers | ForEach-Object { [ordered]@{ fqdn = $_ } })
        syncServers     = @()
    }
    $lab | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $labFile -Encoding utf8

    function Invoke-InLab {
        param([scriptblock]$Body, [object[]]$Arguments)
        Start-ThreadJob -ArgumentList $labModule, $labFile, $Body.ToString(), $Arguments -ScriptBlock {
            param($Module, $File, $Text, $Arguments)
            $env:EXREADY_LAB_FILE = $File
            Import-Module -Name $Module -Global -Force
            & ([scriptblock]::Create($Text)) @Arguments
        } | Receive-Job -Wait -AutoRemoveJob
    }
}

Describe 'the lab Invoke-Command' {
    It 'runs every server at once within the throttle limit, as remoting fans out' {
        $results = Invoke-InLab -Arguments (, $servers) -Body {
            param($Computers)
            # Each server waits at a barrier for all three: run one after another, the first one would time out.
            [AppDomain]::CurrentDomain.SetData('ExreadyLabBarrier', [System.Threading.Barrier]::new($Computers.Count))
            Invoke-Command -ComputerName $Computers -ThrottleLimit 16 -ScriptBlock {
                [pscustomobject]@{ met = [AppDomain]::CurrentDomain.GetData('ExreadyLabBarrier').SignalAndWait(20000) }
            }
        }
        @($results).Count | Should -Be 3
        @($results | Where-Object { $_.met }).Count | Should -Be 3
        @($results.PSComputerName | Sort-Object) | Should -Be $servers
    }

    It 'keeps each server in a runspace of its own' {
        $results = Invoke-InLab -Arguments (, $servers) -Body {
            param($Computers)
            Invoke-Command -ComputerName $Computers -ScriptBlock {
                [pscustomobject]@{ server = (Get-ExreadyLabServer).fqdn; runspace = [runspace]::DefaultRunspace.InstanceId }
            }
        }
        foreach ($result in $results) { $result.server | Should -Be $result.PSComputerName }
        @($results.runspace | Sort-Object -Unique).Count | Should -Be 3
    }
}
