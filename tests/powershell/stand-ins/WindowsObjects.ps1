# Builders for the Windows objects the collector parts and the fix scripts read, shaped like the real ones: a
# ServiceController with enum Status/StartType, WSMan listeners as XmlElement, WSMan leaves with SourceOfValue, and real
# X509Certificate2 objects made in-process. Dot-source from BeforeAll (Fixes.ps1 does).

# Get-Service WinRM: a ServiceController's Status and StartType are enums, printed by name.
function New-ExreadyServiceStandIn {
    param(
        [System.ServiceProcess.ServiceControllerStatus]$Status,
        [System.ServiceProcess.ServiceStartMode]$StartType
    )
    [pscustomobject]@{
        PSTypeName  = 'System.ServiceProcess.ServiceController'
        # Name is the type's alias of ServiceName.
        ServiceName = 'WinRM'
        DisplayName = 'Windows Remote Management (WS-Management)'
        Status      = $Status
        StartType   = $StartType
    }
}

# A WSMan: provider leaf (WSManConfigLeafElement): SourceOfValue is "GPO" when Group Policy owns the value.
function New-ExreadyWsmanLeafStandIn {
    param([string]$Name, [string]$Value, [string]$SourceOfValue)
    [pscustomobject]@{
        PSTypeName    = 'Microsoft.WSMan.Management.WSManConfigLeafElement'
        Name          = $Name
        Value         = $Value
        Type          = 'System.String'
        SourceOfValue = $(if ($SourceOfValue) { $SourceOfValue } else { $null })
    }
}

# One item of Get-WSManInstance winrm/config/Listener: an XmlElement in the cfg namespace, Source as an attribute.
function New-ExreadyListenerStandIn {
    param(
        [string]$Address = '*',
        [string]$Transport = 'HTTPS',
        [int]$Port = 5986,
        [string]$Hostname = '',
        [string]$Enabled = 'true',
        [string]$CertificateThumbprint = '',
        [string]$Source
    )
    $namespace = 'http://schemas.microsoft.com/wbem/wsman/1/config/listener'
    $document = [System.Xml.XmlDocument]::new()
    $listener = $document.CreateElement('cfg', 'Listener', $namespace)
    if ($Source) { $listener.SetAttribute('Source', $Source) }
    $values = [ordered]@{
        Address = $Address; Transport = $Transport; Port = [string]$Port; Hostname = $Hostname; Enabled = $Enabled
        URLPrefix = 'wsman'; CertificateThumbprint = $CertificateThumbprint; ListeningOn = '10.0.0.11'
    }
    foreach ($name in $values.Keys) {
        $element = $document.CreateElement('cfg', $name, $namespace)
        $element.InnerText = $values[$name]
        [void]$listener.AppendChild($element)
    }
    [void]$document.AppendChild($listener)
    $listener
}

function Set-ExreadyListenerValue {
    param([System.Xml.XmlElement]$Listener, [string]$Name, [string]$Value)
    $Listener.GetElementsByTagName($Name, $Listener.NamespaceURI)[0].InnerText = $Value
}

# A real certificate as Cert:\LocalMachine\My holds it: CN and SAN, Enhanced Key Usages (or no EKU extension), validity,
# with or without its private key.
function New-ExreadyCertificateStandIn {
    param(
        [string]$Subject = 'CN=exch01.contoso.com',
        [string[]]$DnsNames = @(),
        [string[]]$Usages = @('1.3.6.1.5.5.7.3.1'),
        [switch]$NoUsageExtension,
        [int]$NotBeforeDays = -30,
        [int]$NotAfterDays = 365,
        [switch]$WithoutPrivateKey
    )
    # One key for every stand-in: generating RSA keys is slow, and each certificate still gets its own random serial (thumbprint).
    if (-not $script:standInCertificateKey) { $script:standInCertificateKey = [System.Security.Cryptography.RSA]::Create(2048) }
    $key = $script:standInCertificateKey
    $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new($Subject, $key, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
    if ($DnsNames.Count -gt 0) {
        $san = [System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
        foreach ($name in $DnsNames) { $san.AddDnsName($name) }
        $request.CertificateExtensions.Add($san.Build())
    }
    if (-not $NoUsageExtension) {
        $oids = [System.Security.Cryptography.OidCollection]::new()
        foreach ($usage in $Usages) { [void]$oids.Add([System.Security.Cryptography.Oid]::new($usage)) }
        $request.CertificateExtensions.Add([System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]::new($oids, $false))
    }
    $now = [DateTimeOffset]::UtcNow
    $certificate = $request.CreateSelfSigned($now.AddDays($NotBeforeDays), $now.AddDays($NotAfterDays))
    if ($WithoutPrivateKey) { return [System.Security.Cryptography.X509Certificates.X509CertificateLoader]::LoadCertificate($certificate.RawData) }
    $certificate
}

# PowerShell's X509Certificate2 type data as Windows computes it (DnsNameProperty, EnhancedKeyUsageProperty of
# Microsoft.PowerShell.Security, missing off Windows, where both lists come out empty): DnsNameList is the subject's CN
# when the subject has no comma, then the lines of the SAN's Format($true) that start with the English "DNS Name=",
# which a German Windows writes "DNS-Name=" (PowerShell/PowerShell#24594). Undo with Uninstall-ExreadyWindowsCertificateTypeData.
function Install-ExreadyWindowsCertificateTypeData {
    param([Parameter(Mandatory)][ValidateSet('en-US', 'de-DE')][string]$Language)
    $type = 'System.Security.Cryptography.X509Certificates.X509Certificate2'
    if (-not $script:originalCertificateMembers) {
        $members = (Get-TypeData -TypeName $type).Members
        $script:originalCertificateMembers = @{ DnsNameList = $members['DnsNameList'].GetScriptBlock; EnhancedKeyUsageList = $members['EnhancedKeyUsageList'].GetScriptBlock }
    }
    $localisedPrefix = @{ 'en-US' = 'DNS Name='; 'de-DE' = 'DNS-Name=' }[$Language]
    $dnsNameList = [scriptblock]::Create((@'
        $list = [System.Collections.Generic.List[object]]::new()
        if ($this.Subject.StartsWith('CN=', 'OrdinalIgnoreCase') -and -not $this.Subject.Contains(',')) {
            $list.Add([pscustomobject]@{ Punycode = $this.Subject.Substring(3); Unicode = $this.Subject.Substring(3) })
        }
        foreach ($extension in $this.Extensions) {
            if ($extension.Oid.Value -ne '2.5.29.17') { continue }
            $san = [System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension]::new($extension.RawData)
            foreach ($line in @($san.EnumerateDnsNames() | ForEach-Object { '__PREFIX__' + $_ })) {
                $name = $line.Substring(9)
                # A name already listed (the CN again) is not added twice (DnsNameRepresentation equality ignores case).
                if ($line.StartsWith('DNS Name=', 'OrdinalIgnoreCase') -and -not @($list | Where-Object { $_.Punycode -eq $name })) {
                    $list.Add([pscustomobject]@{ Punycode = $name; Unicode = $name })
                }
            }
        }
        , $list
'@).Replace('__PREFIX__', $localisedPrefix))
    $usageList = {
        $list = [System.Collections.Generic.List[object]]::new()
        foreach ($extension in $this.Extensions) {
            if ($extension -is [System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension]) {
                foreach ($oid in $extension.EnhancedKeyUsages) { $list.Add([pscustomobject]@{ FriendlyName = $oid.FriendlyName; ObjectId = $oid.Value }) }
            }
        }
        , $list
    }
    Update-TypeData -TypeName $type -MemberType ScriptProperty -MemberName DnsNameList -Value $dnsNameList -Force
    Update-TypeData -TypeName $type -MemberType ScriptProperty -MemberName EnhancedKeyUsageList -Value $usageList -Force
}

function Uninstall-ExreadyWindowsCertificateTypeData {
    if (-not $script:originalCertificateMembers) { return }
    foreach ($name in $script:originalCertificateMembers.Keys) {
        Update-TypeData -TypeName 'System.Security.Cryptography.X509Certificates.X509Certificate2' -MemberType ScriptProperty -MemberName $name -Value $script:originalCertificateMembers[$name] -Force
    }
}
