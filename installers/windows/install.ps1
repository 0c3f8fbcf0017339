#Requires -Version 5.1
<#
.SYNOPSIS
Installs or upgrades MRSNode as a Windows service.

.DESCRIPTION
Takes the output of
    dotnet publish src\MRSNode.Cli -c Release -r win-x64 --self-contained -o DIR
and installs it:
    <InstallDir>  (default C:\Program Files\MRSNode)   binaries, replaced on upgrade
    <DataRoot>\appsettings.json (default C:\ProgramData\MRSNode)   site configuration, created once
    <DataRoot>\data                                   received objects, jobs, outbox (never touched)
The service 'MRSNode' runs "mrsnode.exe serve --windows-service --config <DataRoot>\appsettings.json"
as the virtual account NT SERVICE\MRSNode, starts automatically (delayed), restarts after a failure,
and may read the configuration and write only below <DataRoot>\data. An inbound firewall rule opens the
DICOM port for mrsnode.exe. Safe to run again: the configuration and the data are kept.
Run from an elevated PowerShell. -WhatIf shows every step and changes nothing.

.PARAMETER PublishPath
The folder 'dotnet publish -r win-x64 --self-contained' wrote (it holds mrsnode.exe).

.PARAMETER DicomPort
The port the firewall rule opens and a new configuration gets as Node:Port. Default: Node:Port of an
existing configuration, else 11112. It must match Node:Port (or MRSNODE_Node__Port).

.PARAMETER NoStart
Install and configure the service but do not start (or restart) it.

.PARAMETER NoFirewall
Do not create the Windows Firewall rule.

.EXAMPLE
.\install.ps1 -PublishPath C:\build\mrsnode-win-x64 -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true, Position = 0)]
    [string] $PublishPath,
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'MRSNode'),
    [string] $DataRoot = (Join-Path $env:ProgramData 'MRSNode'),
    [ValidateRange(1, 65535)]
    [int] $DicomPort = 11112,
    [switch] $NoStart,
    [switch] $NoFirewall
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$ServiceName = 'MRSNode'
$ServiceAccount = "NT SERVICE\$ServiceName"
$FirewallRuleName = 'MRSNode-DICOM-In'
$ServiceKey = "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName"

function Invoke-Native {
    param([Parameter(Mandatory = $true)] [string] $Exe, [Parameter(Mandatory = $true)] [string[]] $Arguments)
    $output = & $Exe @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "$Exe $($Arguments -join ' ') failed ($LASTEXITCODE): $output"
    }
}

function Get-ConfiguredPort {
    param([string] $Path)
    if (-not (Test-Path -LiteralPath $Path)) { return $null }
    try {
        $json = Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json
        $node = $json.PSObject.Properties['Node']
        if ($null -ne $node -and $null -ne $node.Value.PSObject.Properties['Port']) {
            return [int]$node.Value.Port
        }
    }
    catch {
        Write-Warning "Could not read Node:Port from ${Path}: $($_.Exception.Message)"
    }
    return $null
}

# 0. Checks.
$identity = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
if (-not $WhatIfPreference -and -not $identity.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run from an elevated PowerShell (Run as administrator), or add -WhatIf to see the plan.'
}
$PublishPath = (Resolve-Path -LiteralPath $PublishPath).ProviderPath
if (-not (Test-Path -LiteralPath (Join-Path $PublishPath 'mrsnode.exe') -PathType Leaf)) {
    throw "$PublishPath has no mrsnode.exe: publish with -r win-x64 --self-contained."
}
$InstallDir = [IO.Path]::GetFullPath($InstallDir)
$DataRoot = [IO.Path]::GetFullPath($DataRoot)
if (($PublishPath.TrimEnd('\') + '\').StartsWith($InstallDir.TrimEnd('\') + '\', [StringComparison]::OrdinalIgnoreCase)) {
    throw "The publish folder must not be inside $InstallDir."
}
$dataDir = Join-Path $DataRoot 'data'
$siteConfig = Join-Path $DataRoot 'appsettings.json'
$exe = Join-Path $InstallDir 'mrsnode.exe'
if (-not $PSBoundParameters.ContainsKey('DicomPort')) {
    $configured = Get-ConfiguredPort $siteConfig
    if ($null -ne $configured) { $DicomPort = $configured }
}

# 1. Stop a running service before its files are replaced.
$service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
$wasRunning = $null -ne $service -and $service.Status -ne 'Stopped'
if ($wasRunning -and $PSCmdlet.ShouldProcess($ServiceName, 'Stop service for the upgrade')) {
    Stop-Service -Name $ServiceName
}

# 2. Binaries: staged beside the old ones, then swapped, so no file of an old version stays behind.
$staging = "$InstallDir.new"
if ($PSCmdlet.ShouldProcess($InstallDir, "Install binaries from $PublishPath")) {
    if (Test-Path -LiteralPath $staging) { Remove-Item -LiteralPath $staging -Recurse -Force }
    New-Item -ItemType Directory -Path $staging | Out-Null
    Copy-Item -Path (Join-Path $PublishPath '*') -Destination $staging -Recurse -Force
    Copy-Item -LiteralPath (Join-Path $PSScriptRoot 'uninstall.ps1') -Destination $staging -Force
    if (Test-Path -LiteralPath $InstallDir) { Remove-Item -LiteralPath $InstallDir -Recurse -Force }
    Move-Item -LiteralPath $staging -Destination $InstallDir
}

# 3. Configuration (created once, never overwritten) and the data folder.
if ($PSCmdlet.ShouldProcess($dataDir, 'Create folder')) {
    New-Item -ItemType Directory -Path $dataDir -Force | Out-Null
}
if (Test-Path -LiteralPath $siteConfig) {
    Write-Host "Kept $siteConfig"
}
elseif ($PSCmdlet.ShouldProcess($siteConfig, 'Create configuration')) {
    $json = @"
{
  "Node": {
    "AeTitle": "MRSNODE",
    "Port": $DicomPort
  },
  "Destinations": []
}
"@
    [IO.File]::WriteAllText($siteConfig, $json.Replace("`r`n", "`n") + "`n")
}

# 4. The service.
$binaryPath = "`"$exe`" serve --windows-service --config `"$siteConfig`""
if ($null -eq $service) {
    if ($PSCmdlet.ShouldProcess($ServiceName, 'Create service')) {
        New-Service -Name $ServiceName -BinaryPathName $binaryPath -DisplayName 'MRSNode MR spectroscopy DICOM node' `
            -Description 'Receives MR spectroscopy over DICOM, quantifies metabolites and returns SR, PDF and Secondary Capture.' `
            -StartupType Automatic | Out-Null
    }
}
elseif ($PSCmdlet.ShouldProcess($ServiceName, "Set the command line to $binaryPath")) {
    Set-ItemProperty -Path $ServiceKey -Name ImagePath -Value $binaryPath
}
if ($PSCmdlet.ShouldProcess($ServiceName, "Run as $ServiceAccount, delayed automatic start, restart on failure")) {
    Invoke-Native sc.exe @('config', $ServiceName, 'obj=', $ServiceAccount, 'start=', 'delayed-auto')
    Invoke-Native sc.exe @('sidtype', $ServiceName, 'unrestricted')
    # Restart after 5 s, 10 s, then 60 s; the failure count resets after a day without failure.
    Invoke-Native sc.exe @('failure', $ServiceName, 'reset=', '86400', 'actions=', 'restart/5000/restart/10000/restart/60000')
    # Also when the process exits with an error code rather than crashing.
    Invoke-Native sc.exe @('failureflag', $ServiceName, '1')
}
if ($PSCmdlet.ShouldProcess($ServiceName, "Set MRSNODE_Node__DataDirectory=$dataDir in the service environment")) {
    $current = @()
    $existing = Get-ItemProperty -Path $ServiceKey -Name Environment -ErrorAction SilentlyContinue
    if ($null -ne $existing) { $current = @($existing.Environment | Where-Object { $_ -notlike 'MRSNODE_Node__DataDirectory=*' }) }
    $environment = [string[]](@("MRSNODE_Node__DataDirectory=$dataDir") + $current)
    New-ItemProperty -Path $ServiceKey -Name Environment -PropertyType MultiString -Value $environment -Force | Out-Null
}

# 5. Access: the service reads <DataRoot> and writes only <DataRoot>\data; users get nothing.
#    (NT SERVICE\MRSNode exists once the service does.)
if ($PSCmdlet.ShouldProcess($DataRoot, "Restrict to SYSTEM and Administrators, read for $ServiceAccount, modify on data")) {
    Invoke-Native icacls.exe @($DataRoot, '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', "${ServiceAccount}:(OI)(CI)RX")
    Invoke-Native icacls.exe @($dataDir, '/grant:r', "${ServiceAccount}:(OI)(CI)M")
}

# 6. Firewall: inbound DICOM to mrsnode.exe only.
if (-not $NoFirewall -and $PSCmdlet.ShouldProcess("TCP $DicomPort", "Allow inbound DICOM to $exe")) {
    Get-NetFirewallRule -Name $FirewallRuleName -ErrorAction SilentlyContinue | Remove-NetFirewallRule
    New-NetFirewallRule -Name $FirewallRuleName -DisplayName "MRSNode DICOM (TCP $DicomPort)" -Direction Inbound -Action Allow `
        -Protocol TCP -LocalPort $DicomPort -Program $exe -Profile Any | Out-Null
}

# 7. Start.
if (-not $NoStart -and $PSCmdlet.ShouldProcess($ServiceName, 'Start service')) {
    Start-Service -Name $ServiceName
}

Write-Host "MRSNode installed in $InstallDir (configuration $siteConfig, data $dataDir, DICOM port $DicomPort)."
Write-Host "Status: Get-Service $ServiceName. Remove: $(Join-Path $InstallDir 'uninstall.ps1') [-Purge]."
