# Invoke-ExreadyPart as the jump host receives it: through remoting's serialisation, then ConvertTo-Json.
BeforeAll {
    . (Join-Path $PSScriptRoot '../stand-ins/Remoting.ps1')
    . (Join-Path $PSScriptRoot '../../../resources/powershell/collect/Invoke-ExreadyPart.ps1')
    function ConvertTo-ExreadyJumpHostJson { param($Part) $Part | ConvertTo-ExreadyRemoted | ConvertTo-Json -Compress -Depth 10 }
}

Describe 'Invoke-ExreadyPart' {
    It 'gives an empty part a null value after remoting, never an empty object' {
        # An empty Remote Management Users group: Get-LocalGroupMember outputs nothing.
        $json = ConvertTo-ExreadyJumpHostJson (Invoke-ExreadyPart { })
        $json | Should -Be '{"status":"collected","value":null}'
    }
    It 'gives a part that returns an empty array a null value' {
        $json = ConvertTo-ExreadyJumpHostJson (Invoke-ExreadyPart { $list = New-Object System.Collections.Generic.List[object]; $list.ToArray() })
        $json | Should -Be '{"status":"collected","value":null}'
    }
    It 'keeps one item as the item' {
        $json = ConvertTo-ExreadyJumpHostJson (Invoke-ExreadyPart { [pscustomobject]@{ name = 'a' } })
        $json | Should -Be '{"status":"collected","value":{"name":"a"}}'
    }
    It 'keeps several items as a list' {
        $json = ConvertTo-ExreadyJumpHostJson (Invoke-ExreadyPart { [pscustomobject]@{ name = 'a' }; [pscustomobject]@{ name = 'b' } })
        $json | Should -Be '{"status":"collected","value":[{"name":"a"},{"name":"b"}]}'
    }
    It 'turns a terminating error into not-collected with its message' {
        $part = Invoke-ExreadyPart { throw 'Access is denied.' } | ConvertTo-ExreadyRemoted
        $part.status | Should -Be 'not-collected'
        $part.error | Should -Be 'Access is denied.'
    }
    It 'turns a non-terminating cmdlet error into not-collected (ErrorActionPreference Stop)' {
        $part = Invoke-ExreadyPart { Get-Item -LiteralPath (Join-Path $TestDrive 'missing') } | ConvertTo-ExreadyRemoted
        $part.status | Should -Be 'not-collected'
        $part.error | Should -Match 'missing'
    }
}
