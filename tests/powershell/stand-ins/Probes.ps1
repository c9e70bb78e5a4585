# Stand-ins for the probes area: loopback TCP endpoints that accept, refuse or drop a connect, and the WSMan
# TrustedHosts item. Dot-source from BeforeAll; close every endpoint in AfterAll.

# A port that accepts: a real listener on a loopback address (the port is chosen by the system unless given).
function New-ExreadyListeningPort {
    param([string]$Address = '127.0.0.1', [int]$Port = 0)
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Parse($Address), $Port)
    $listener.Start()
    [pscustomobject]@{ Address = $Address; Port = $listener.LocalEndpoint.Port; Listener = $listener; Close = { $listener.Stop() }.GetNewClosure() }
}

# A port that refuses: bound once to learn a free number, then released, so a connect gets a reset.
function New-ExreadyRefusingPort {
    param([string]$Address = '127.0.0.1')
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Parse($Address), 0)
    $probe.Start()
    $port = $probe.LocalEndpoint.Port
    $probe.Stop()
    [pscustomobject]@{ Address = $Address; Port = $port; Close = {} }
}

# A port that drops: Linux drops a SYN when the listen queue is full, so the connect gets no answer, as behind a
# firewall that drops. The queue holds one connection (backlog 0); a filler connection takes it and is never accepted.
function New-ExreadyDroppingPort {
    param([string]$Address = '127.0.0.1', [int]$Port = 0)
    $socket = [System.Net.Sockets.Socket]::new([System.Net.Sockets.AddressFamily]::InterNetwork, [System.Net.Sockets.SocketType]::Stream, [System.Net.Sockets.ProtocolType]::Tcp)
    $socket.Bind([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Parse($Address), $Port))
    $socket.Listen(0)
    $bound = $socket.LocalEndPoint.Port
    $filler = [System.Net.Sockets.TcpClient]::new()
    $filler.Connect($Address, $bound)
    [pscustomobject]@{ Address = $Address; Port = $bound; Close = { $filler.Dispose(); $socket.Dispose() }.GetNewClosure() }
}

# Get-Item WSMan:\localhost\Client\TrustedHosts returns a Microsoft.WSMan.Management.WSManConfigLeafElement; its
# Value is "" when nothing is trusted, and SourceOfValue is "GPO" when Group Policy sets it.
function New-ExreadyWsmanLeaf {
    param([string]$Name, [AllowEmptyString()][string]$Value, $SourceOfValue)
    $leaf = [pscustomobject]@{
        PSPath            = "Microsoft.WSMan.Management\WSMan::localhost\Client\$Name"
        Name              = $Name
        Value             = $Value
        Type              = 'System.String'
        SourceOfValue     = $SourceOfValue
        TypeNameOfElement = 'string'
    }
    $leaf.PSObject.TypeNames.Insert(0, 'Microsoft.WSMan.Management.WSManConfigLeafElement')
    $leaf
}
