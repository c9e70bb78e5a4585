# Parses every file it is given with PowerShell's own parser, in this one process, and prints one JSON object: the
# parser's version and each syntax error with the line and column of its extent.
[CmdletBinding()]
param([Parameter(Mandatory)][string]$ParametersBase64)

$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)

$request = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ParametersBase64)) | ConvertFrom-Json
$problems = foreach ($file in @($request.files)) {
    $tokens = $null
    $errors = $null
    $null = [System.Management.Automation.Language.Parser]::ParseFile([string]$file, [ref]$tokens, [ref]$errors)
    foreach ($parseError in @($errors)) {
        [ordered]@{
            file    = [string]$file
            line    = $parseError.Extent.StartLineNumber
            column  = $parseError.Extent.StartColumnNumber
            message = $parseError.Message
        }
    }
}
$result = [ordered]@{ version = $PSVersionTable.PSVersion.ToString(); problems = @($problems) }
[Console]::Out.WriteLine((ConvertTo-Json -InputObject $result -Depth 4 -Compress))
