#Requires -Version 7.3
# Lints scripts that must run under Windows PowerShell 5.1, reading them with PowerShell 7's parser (which also
# understands the newer syntax): syntax, automatic variables, commands, parameters and encodings 5.1 lacks, and
# ConvertTo-Json without -Depth. Prints one JSON object with every finding's file, line, column and reason.
using namespace System.Management.Automation.Language
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)

# The parameters each checked cmdlet has in Windows PowerShell 5.1, as its reference documentation lists them
# (learn.microsoft.com/powershell/module/...?view=powershell-5.1): those taking a value, switches, and aliases.
$commonParameters = @{
    Values   = @('ErrorAction', 'WarningAction', 'InformationAction', 'ErrorVariable', 'WarningVariable', 'InformationVariable', 'OutVariable', 'OutBuffer', 'PipelineVariable')
    Switches = @('Verbose', 'Debug')
    Aliases  = @{ ea = 'ErrorAction'; wa = 'WarningAction'; infa = 'InformationAction'; ev = 'ErrorVariable'; wv = 'WarningVariable'; iv = 'InformationVariable'; ov = 'OutVariable'; ob = 'OutBuffer'; pv = 'PipelineVariable'; vb = 'Verbose'; db = 'Debug' }
}
$contentWriter = @{
    Values   = @('Value', 'Path', 'LiteralPath', 'Filter', 'Include', 'Exclude', 'Credential', 'Encoding', 'Stream')
    Switches = @('PassThru', 'Force', 'WhatIf', 'Confirm', 'UseTransaction', 'NoNewline')
    Aliases  = @{ PSPath = 'LiteralPath'; usetx = 'UseTransaction'; wi = 'WhatIf'; cf = 'Confirm' }
}
$webRequest = @{
    Values   = @('Method', 'Uri', 'WebSession', 'SessionVariable', 'Credential', 'CertificateThumbprint', 'Certificate', 'UserAgent', 'TimeoutSec', 'Headers', 'MaximumRedirection', 'Proxy', 'ProxyCredential', 'Body', 'ContentType', 'TransferEncoding', 'InFile', 'OutFile')
    Switches = @('UseBasicParsing', 'UseDefaultCredentials', 'DisableKeepAlive', 'ProxyUseDefaultCredentials', 'PassThru')
    Aliases  = @{ SV = 'SessionVariable' }
}
$ps51Parameters = @{
    'ForEach-Object'    = @{
        Values   = @('InputObject', 'Begin', 'Process', 'End', 'RemainingScripts', 'MemberName', 'ArgumentList')
        Switches = @('WhatIf', 'Confirm')
        Aliases  = @{ Args = 'ArgumentList'; wi = 'WhatIf'; cf = 'Confirm' }
    }
    'ConvertTo-Json'    = @{ Values = @('InputObject', 'Depth'); Switches = @('Compress'); Aliases = @{} }
    'ConvertFrom-Json'  = @{ Values = @('InputObject'); Switches = @(); Aliases = @{} }
    'Get-Content'       = @{
        Values   = @('ReadCount', 'TotalCount', 'Tail', 'Path', 'LiteralPath', 'Filter', 'Include', 'Exclude', 'Credential', 'Delimiter', 'Encoding', 'Stream')
        Switches = @('Force', 'UseTransaction', 'Wait', 'Raw')
        Aliases  = @{ PSPath = 'LiteralPath'; First = 'TotalCount'; Head = 'TotalCount'; Last = 'Tail'; usetx = 'UseTransaction' }
    }
    'Set-Content'       = $contentWriter
    'Add-Content'       = $contentWriter
    'Out-File'          = @{
        Values   = @('FilePath', 'LiteralPath', 'Encoding', 'Width', 'InputObject')
        Switches = @('Append', 'Force', 'NoClobber', 'NoNewline', 'WhatIf', 'Confirm')
        Aliases  = @{ PSPath = 'LiteralPath'; NoOverwrite = 'NoClobber'; wi = 'WhatIf'; cf = 'Confirm' }
    }
    'Join-Path'         = @{
        Values   = @('Path', 'ChildPath', 'Credential')
        Switches = @('Resolve', 'UseTransaction')
        Aliases  = @{ PSPath = 'Path'; usetx = 'UseTransaction' }
    }
    'Invoke-RestMethod' = $webRequest
    'Invoke-WebRequest' = $webRequest
    'Start-Process'     = @{
        Values   = @('FilePath', 'ArgumentList', 'Credential', 'WorkingDirectory', 'RedirectStandardError', 'RedirectStandardInput', 'RedirectStandardOutput', 'WindowStyle', 'Verb')
        Switches = @('LoadUserProfile', 'NoNewWindow', 'PassThru', 'Wait', 'UseNewEnvironment')
        Aliases  = @{ PSPath = 'FilePath'; Args = 'ArgumentList'; RunAs = 'Credential'; Lup = 'LoadUserProfile'; nnw = 'NoNewWindow'; RSE = 'RedirectStandardError'; RSI = 'RedirectStandardInput'; RSO = 'RedirectStandardOutput' }
    }
    'Select-String'     = @{
        Values   = @('Pattern', 'Path', 'LiteralPath', 'InputObject', 'Include', 'Exclude', 'Encoding', 'Context')
        Switches = @('SimpleMatch', 'CaseSensitive', 'Quiet', 'List', 'NotMatch', 'AllMatches')
        Aliases  = @{ PSPath = 'LiteralPath' }
    }
}

# The -Encoding values each cmdlet accepts in 5.1 (PowerShell 7 added utf8BOM, utf8NoBOM, ansi and code pages).
$fileSystemEncodings = @('Unknown', 'String', 'Unicode', 'Byte', 'BigEndianUnicode', 'UTF8', 'UTF7', 'UTF32', 'Ascii', 'Default', 'Oem', 'BigEndianUTF32')
$ps51Encodings = @{
    'Get-Content'   = $fileSystemEncodings
    'Set-Content'   = $fileSystemEncodings
    'Add-Content'   = $fileSystemEncodings
    'Out-File'      = @('Unknown', 'String', 'Unicode', 'BigEndianUnicode', 'UTF8', 'UTF7', 'UTF32', 'Ascii', 'Default', 'Oem')
    'Select-String' = @('Ascii', 'BigEndianUnicode', 'Default', 'Oem', 'Unicode', 'UTF7', 'UTF8', 'UTF32')
}

# Windows PowerShell 5.1's built-in aliases of the cmdlets above.
$ps51CommandAliases = @{
    '%' = 'ForEach-Object'; foreach = 'ForEach-Object'; gc = 'Get-Content'; cat = 'Get-Content'; type = 'Get-Content'
    sc = 'Set-Content'; ac = 'Add-Content'; irm = 'Invoke-RestMethod'; iwr = 'Invoke-WebRequest'; curl = 'Invoke-WebRequest'
    wget = 'Invoke-WebRequest'; saps = 'Start-Process'; start = 'Start-Process'; sls = 'Select-String'
}

# Cmdlets PowerShell 6 and 7 added: the 5.1 reference has no page for them.
$ps7OnlyCommands = @('Test-Json', 'Get-Error', 'Join-String', 'Get-Uptime', 'Remove-Alias', 'ConvertFrom-Markdown', 'Show-Markdown', 'Get-SecureRandom')

$ps7OnlyVariables = @('IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR')

function New-ExreadyFinding {
    param([string]$File, [IScriptExtent]$Extent, [string]$Construct, [string]$Message)
    [ordered]@{ file = $File; line = $Extent.StartLineNumber; column = $Extent.StartColumnNumber; construct = $Construct; message = $Message }
}

# Resolves a parameter as PowerShell binds it: exact name or alias first, else the one name or alias it abbreviates.
function Resolve-ExreadyParameterName {
    param([string]$Name, [string[]]$Names, [hashtable]$Aliases)
    foreach ($candidate in $Names) { if ($candidate -eq $Name) { return $candidate } }
    foreach ($alias in $Aliases.Keys) { if ($alias -eq $Name) { return $Aliases[$alias] } }
    $matched = @(@($Names | Where-Object { $_ -like "$Name*" }) + @($Aliases.Keys | Where-Object { $_ -like "$Name*" } | ForEach-Object { $Aliases[$_] }) | Select-Object -Unique)
    if ($matched.Count -ge 1) { return ($matched -join '|') }
    return $null
}

function Get-ExreadyPs7ParameterName {
    param([string]$Command, [string]$Name)
    $metadata = (Get-Command -Name $Command -CommandType Cmdlet).Parameters
    $names = @($metadata.Keys)
    $aliases = @{}
    foreach ($parameter in $metadata.Values) { foreach ($alias in $parameter.Aliases) { $aliases[$alias] = $parameter.Name } }
    $resolved = Resolve-ExreadyParameterName -Name $Name -Names $names -Aliases $aliases
    if ($resolved -and $resolved -notlike '*|*') {
        return [pscustomobject]@{ Name = $resolved; IsSwitch = $metadata[$resolved].SwitchParameter }
    }
    [pscustomobject]@{ Name = $Name; IsSwitch = $false }
}

# Binds a command's arguments against its 5.1 parameters: which named ones it uses, with their value, and which
# arguments are positional; parameters 5.1 lacks become findings.
function Test-ExreadyCommandParameters {
    param([string]$File, [CommandAst]$Command, [string]$Name)
    $known = $ps51Parameters[$Name]
    $values = @($known.Values) + $commonParameters.Values
    $switches = @($known.Switches) + $commonParameters.Switches
    $aliases = $known.Aliases + $commonParameters.Aliases
    $bound = @{}
    $positional = [System.Collections.Generic.List[Ast]]::new()
    $splatted = $false
    $elements = $Command.CommandElements
    for ($i = 1; $i -lt $elements.Count; $i++) {
        $element = $elements[$i]
        if ($element -is [CommandParameterAst]) {
            $resolved = Resolve-ExreadyParameterName -Name $element.ParameterName -Names ($values + $switches) -Aliases $aliases
            $isSwitch = $resolved -and $switches -contains $resolved
            if (-not $resolved) {
                $ps7 = Get-ExreadyPs7ParameterName -Command $Name -Name $element.ParameterName
                $isSwitch = $ps7.IsSwitch
                New-ExreadyFinding $File $element.Extent 'ps7-parameter' ("$Name -$($ps7.Name): Windows PowerShell 5.1's $Name has no such parameter")
                $resolved = $ps7.Name
            }
            $value = $true
            if ($null -ne $element.Argument) { $value = $element.Argument }
            elseif (-not $isSwitch -and $i + 1 -lt $elements.Count -and $elements[$i + 1] -isnot [CommandParameterAst]) { $i++; $value = $elements[$i] }
            $bound[$resolved] = $value
        } elseif ($element -is [VariableExpressionAst] -and $element.Splatted) {
            $splatted = $true
        } else {
            $positional.Add($element)
        }
    }
    $nameExtent = $elements[0].Extent
    if ($Name -eq 'ConvertTo-Json' -and -not $bound.ContainsKey('Depth')) {
        $why = if ($splatted) { ' (splatted parameters hide whether it is given: pass -Depth explicitly)' } else { '' }
        New-ExreadyFinding $File $nameExtent 'convertto-json-depth' ("ConvertTo-Json without -Depth: Windows PowerShell 5.1 stops at depth 2 and silently turns deeper values into strings$why")
    }
    if ($Name -eq 'Join-Path') {
        $childPaths = $positional.Count + [int]$bound.ContainsKey('Path') + [int]$bound.ContainsKey('ChildPath') - 1
        if ($childPaths -gt 1) {
            New-ExreadyFinding $File $nameExtent 'join-path-child-paths' 'Join-Path with more than one child path: Windows PowerShell 5.1 takes exactly one -ChildPath'
        }
    }
    $encoding = $bound['Encoding']
    if ($ps51Encodings.ContainsKey($Name) -and $encoding -is [ConstantExpressionAst] -and $ps51Encodings[$Name] -notcontains [string]$encoding.Value) {
        New-ExreadyFinding $File $encoding.Extent 'ps7-encoding' ("$Name -Encoding $($encoding.Value): Windows PowerShell 5.1 accepts only " + ($ps51Encodings[$Name] -join ', '))
    }
}

function Test-ExreadyScript {
    param([string]$File)
    $tokens = $null
    $errors = $null
    $ast = [Parser]::ParseFile($File, [ref]$tokens, [ref]$errors)
    $ownFunctions = @($ast.FindAll({ param($node) $node -is [FunctionDefinitionAst] }, $true) | ForEach-Object { $_.Name })
    foreach ($node in $ast.FindAll({ $true }, $true)) {
        switch ($node) {
            { $_ -is [TernaryExpressionAst] } {
                New-ExreadyFinding $File $node.Extent 'ternary' 'ternary operator (a ? b : c): PowerShell 7 syntax, Windows PowerShell 5.1 cannot parse it'
            }
            { $_ -is [BinaryExpressionAst] -and $_.Operator -eq [TokenKind]::QuestionQuestion } {
                New-ExreadyFinding $File $node.ErrorPosition 'null-coalescing' 'null-coalescing operator ??: PowerShell 7 syntax, Windows PowerShell 5.1 cannot parse it'
            }
            { $_ -is [AssignmentStatementAst] -and $_.Operator -eq [TokenKind]::QuestionQuestionEquals } {
                New-ExreadyFinding $File $node.ErrorPosition 'null-coalescing-assignment' 'null-coalescing assignment ??=: PowerShell 7 syntax, Windows PowerShell 5.1 cannot parse it'
            }
            { $_ -is [MemberExpressionAst] -and $_.NullConditional } {
                New-ExreadyFinding $File $node.Extent 'null-conditional-member' 'null-conditional member access ?.: PowerShell 7 syntax, Windows PowerShell 5.1 cannot parse it'
            }
            { $_ -is [IndexExpressionAst] -and $_.NullConditional } {
                New-ExreadyFinding $File $node.Extent 'null-conditional-index' 'null-conditional index ?[]: PowerShell 7 syntax, Windows PowerShell 5.1 cannot parse it'
            }
            { $_ -is [PipelineChainAst] -and $_.Parent -isnot [PipelineChainAst] } {
                New-ExreadyFinding $File $node.Extent 'pipeline-chain' 'pipeline chain && / ||: PowerShell 7 syntax, Windows PowerShell 5.1 cannot parse it'
            }
            { $_ -is [ScriptBlockAst] -and $null -ne $_.CleanBlock } {
                New-ExreadyFinding $File $node.CleanBlock.Extent 'clean-block' 'clean block: PowerShell 7.3 syntax, Windows PowerShell 5.1 cannot parse it'
            }
            { $_ -is [VariableExpressionAst] -and $_.VariablePath.IsVariable -and $ps7OnlyVariables -contains ($_.VariablePath.UserPath -replace '^\w+:', '') } {
                $variable = $ps7OnlyVariables | Where-Object { $_ -eq ($node.VariablePath.UserPath -replace '^\w+:', '') }
                New-ExreadyFinding $File $node.Extent 'ps7-variable' "`$$variable is an automatic variable of PowerShell 6 and later: in Windows PowerShell 5.1 it is undefined (`$null)"
            }
            { ($_ -is [TypeExpressionAst] -or $_ -is [TypeConstraintAst]) -and $_.TypeName.FullName -match '^(System\.)?Text\.Json(\.|$)' } {
                New-ExreadyFinding $File $node.Extent 'system-text-json' ("[$($node.TypeName.FullName)] is .NET (Core) only: Windows PowerShell 5.1 runs on .NET Framework, which lacks System.Text.Json")
            }
            { $_ -is [CommandAst] } {
                $written = $node.GetCommandName()
                if (-not $written -or $ownFunctions -contains $written) { break }
                $name = $written -replace '^[\w.]+\\', ''
                if ($ps51CommandAliases.ContainsKey($name)) { $name = $ps51CommandAliases[$name] }
                $match = @($ps7OnlyCommands | Where-Object { $_ -eq $name })
                if ($match.Count -gt 0) {
                    New-ExreadyFinding $File $node.CommandElements[0].Extent 'ps7-command' "$($match[0]) is not a command of Windows PowerShell 5.1 (PowerShell 6 and later only)"
                }
                $known = @($ps51Parameters.Keys | Where-Object { $_ -eq $name })
                if ($known.Count -gt 0) { Test-ExreadyCommandParameters -File $File -Command $node -Name $known[0] }
            }
        }
    }
}

$request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json
$findings = foreach ($file in @($request.files)) { Test-ExreadyScript -File ([string]$file) }
$sorted = @($findings | Sort-Object -Property { $_.file }, { $_.line }, { $_.column })
[Console]::Out.WriteLine((ConvertTo-Json -InputObject ([ordered]@{ findings = $sorted }) -Depth 4 -Compress))
