# Stand-ins for what the MFA area reads on an Exchange server: IIS's applicationHost.config under a stand-in %windir%, the
# app folders with web.config, bin and backups, Get-AuthenticodeSignature (Windows-only), and an HTTP endpoint on 127.0.0.1.
# Dot-source from BeforeAll; close every endpoint in AfterAll.

# applicationHost.config as IIS writes it: the Default Web Site with one application per app, each with its root vdir.
function New-ExreadyApplicationHostConfig {
    param([Parameter(Mandatory)][string]$Windir, [Parameter(Mandatory)][hashtable]$Apps, [string]$Site = 'Default Web Site')
    $folder = Join-Path $Windir 'System32/inetsrv/config'
    $null = New-Item -ItemType Directory -Path $folder -Force
    $applications = foreach ($app in $Apps.Keys) {
        "            <application path=`"/$app`" applicationPool=`"MSExchange$($app.ToUpperInvariant())AppPool`">`r`n                <virtualDirectory path=`"/`" physicalPath=`"$($Apps[$app])`" />`r`n            </application>"
    }
    $text = @"
<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.applicationHost>
        <sites>
            <site name="$Site" id="1">
            <application path="/" applicationPool="DefaultAppPool">
                <virtualDirectory path="/" physicalPath="%SystemDrive%\inetpub\wwwroot" />
            </application>
$($applications -join "`r`n")
            </site>
        </sites>
    </system.applicationHost>
</configuration>
"@
    [System.IO.File]::WriteAllText((Join-Path $folder 'applicationHost.config'), $text, [System.Text.UTF8Encoding]::new($true))
}

# A web.config with the module's appSettings, as bytes with a UTF-8 BOM (only the keys given are written).
function New-ExreadyMfaWebConfigBytes {
    param([hashtable]$AppSettings = @{})
    $adds = foreach ($key in $AppSettings.Keys) { "    <add key=`"$key`" value=`"$([System.Security.SecurityElement]::Escape($AppSettings[$key]))`" />" }
    $text = "<?xml version=`"1.0`" encoding=`"utf-8`"?>`r`n<configuration>`r`n  <appSettings>`r`n$($adds -join "`r`n")`r`n  </appSettings>`r`n</configuration>`r`n"
    [byte[]](0xEF, 0xBB, 0xBF) + [Text.Encoding]::UTF8.GetBytes($text)
}

# Get-AuthenticodeSignature exists on Windows only: a stub Pester can mock, and its Signature shape (Status is an enum).
function Get-AuthenticodeSignature { param([string]$LiteralPath) throw 'Get-AuthenticodeSignature is not stood in' }

function New-ExreadySignatureStandIn {
    param([System.Management.Automation.SignatureStatus]$Status, [string]$SignerSubject)
    $signer = $null
    if ($SignerSubject) {
        $key = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($SignerSubject, $key, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $signer = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddYears(1))
    }
    [pscustomobject]@{
        PSTypeName        = 'System.Management.Automation.Signature'
        Status            = $Status
        StatusMessage     = [string]$Status
        SignerCertificate = $signer
        SignatureType     = $(if ($signer) { 'Authenticode' } else { 'None' })
    }
}

# An HTTP endpoint on 127.0.0.1 that answers each request with the status given; a thread job answers while the test waits
# in the request (the socket listens before the URL is handed out, so no request can come too early).
function New-ExreadyHttpEndpoint {
    param([int]$StatusCode = 200, [string]$Reason = 'OK')
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $job = Start-ThreadJob -ArgumentList $listener, $StatusCode, $Reason -ScriptBlock {
        param($Listener, $StatusCode, $Reason)
        while ($true) {
            try { $client = $Listener.AcceptTcpClient() } catch { return }
            try {
                $stream = $client.GetStream()
                $reader = [System.IO.StreamReader]::new($stream, [Text.Encoding]::ASCII, $false, 1024, $true)
                while ($reader.ReadLine()) { }
                $body = [Text.Encoding]::ASCII.GetBytes("$StatusCode $Reason")
                $head = [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 $StatusCode $Reason`r`nContent-Type: text/plain`r`nContent-Length: $($body.Length)`r`nConnection: close`r`n`r`n")
                $stream.Write($head, 0, $head.Length)
                $stream.Write($body, 0, $body.Length)
                $stream.Flush()
            } finally { $client.Dispose() }
        }
    }
    [pscustomobject]@{
        Url   = "http://127.0.0.1:$($listener.LocalEndpoint.Port)/api/health"
        Close = { $listener.Stop(); $null = $job | Wait-Job -Timeout 5; $job | Remove-Job -Force }.GetNewClosure()
    }
}
