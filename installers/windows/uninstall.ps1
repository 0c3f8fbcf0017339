#Requires -Version 5.1
<#
.SYNOPSIS
Removes the MRSNode service installed by install.ps1.

.DESCRIPTION
Stops and deletes the 'MRSNode' service, removes its firewall rule and <InstallDir>. The configuration
and data in <DataRoot> (received objects, jobs, outbox — which may hold patient data) are kept unless
-Purge. Run from an elevated PowerShell whose current folder is not inside <InstallDir>.
-WhatIf shows every step and changes nothing.

.PARAMETER Purge
Also delete <DataRoot>: the configuration and all data.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'MRSNode'),
    [string] $DataRoot = (Join-Path $env:ProgramData 'MRSNode'),
    [switch] $Purge
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$ServiceName = 'MRSNode'
$FirewallRuleName = 'MRSNode-DICOM-In'

$identity = [Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()
if (-not $WhatIfPreference -and -not $identity.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run from an elevated PowerShell (Run as administrator), or add -WhatIf to see the plan.'
}

$service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if ($null -ne $service) {
    if ($service.Status -ne 'Stopped' -and $PSCmdlet.ShouldProcess($ServiceName, 'Stop service')) {
        Stop-Service -Name $ServiceName
    }
    if ($PSCmdlet.ShouldProcess($ServiceName, 'Delete service')) {
        $output = & sc.exe delete $ServiceName 2>&1
        if ($LASTEXITCODE -ne 0) { throw "sc.exe delete $ServiceName failed ($LASTEXITCODE): $output" }
    }
}
$rule = Get-NetFirewallRule -Name $FirewallRuleName -ErrorAction SilentlyContinue
if ($null -ne $rule -and $PSCmdlet.ShouldProcess($FirewallRuleName, 'Remove firewall rule')) {
    $rule | Remove-NetFirewallRule
}
foreach ($dir in @($InstallDir, "$InstallDir.new")) {
    if ((Test-Path -LiteralPath $dir) -and $PSCmdlet.ShouldProcess($dir, 'Remove folder')) {
        Remove-Item -LiteralPath $dir -Recurse -Force
    }
}
if ($Purge) {
    if ((Test-Path -LiteralPath $DataRoot) -and $PSCmdlet.ShouldProcess($DataRoot, 'Remove the configuration and all data')) {
        Remove-Item -LiteralPath $DataRoot -Recurse -Force
    }
    Write-Host 'MRSNode removed, with its configuration and data.'
}
else {
    Write-Host "MRSNode removed. Kept: $DataRoot (configuration and data); -Purge deletes it."
}
