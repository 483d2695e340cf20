package main

import (
	"time"

	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// moid names a manager the way ESXi does ("ha-…") on the standalone host, and per host on vCenter.
func moid(kind, base, host string) types.ManagedObjectReference {
	if host == "ha-host" {
		return types.ManagedObjectReference{Type: kind, Value: "ha-" + base}
	}
	return types.ManagedObjectReference{Type: kind, Value: base + "-" + host}
}

type serviceSystem struct{ mo.HostServiceSystem }

// newServiceSystem mirrors config.service and adds what a real host has beyond vcsim's capture: slpd, and SSH on.
func newServiceSystem(host string, config *types.HostServiceInfo) *serviceSystem {
	s := &serviceSystem{}
	s.Self = moid("HostServiceSystem", "servicesystem", host)
	if config != nil {
		s.ServiceInfo.Service = append(s.ServiceInfo.Service, config.Service...)
	}
	for i := range s.ServiceInfo.Service {
		if s.ServiceInfo.Service[i].Key == "TSM-SSH" {
			s.ServiceInfo.Service[i].Running = true
			s.ServiceInfo.Service[i].Policy = "on"
			s.ServiceInfo.Service[i].Ruleset = []string{"sshServer"}
		}
	}
	s.ServiceInfo.Service = append(s.ServiceInfo.Service, types.HostService{
		Key: "slpd", Label: "slpd", Running: true, Policy: "on", Ruleset: []string{"CIMSLP"},
	})
	return s
}

type imageConfigManager struct{ mo.HostImageConfigManager }

func newImageConfigManager(host string) *imageConfigManager {
	m := &imageConfigManager{}
	m.Self = moid("HostImageConfigManager", "image-config-manager", host)
	return m
}

func softwarePackage(name, version, vendor, acceptance, summary string, payload ...string) types.SoftwarePackage {
	created := time.Date(2024, 6, 25, 10, 0, 0, 0, time.UTC)
	return types.SoftwarePackage{
		Name: name, Version: version, Type: "bootbank", Vendor: vendor, AcceptanceLevel: acceptance,
		Summary: summary, CreationDate: &created, Payload: payload,
	}
}

func (m *imageConfigManager) FetchSoftwarePackages(req *types.FetchSoftwarePackages) soap.HasFault {
	return &methods.FetchSoftwarePackagesBody{Res: &types.FetchSoftwarePackagesResponse{Returnval: []types.SoftwarePackage{
		softwarePackage("esx-base", "6.5.0-0.0.5969303", "VMware", "vmware_certified", "esx-base: ESXi base system"),
		softwarePackage("epsec-mux", "6.5.0-0.0.5969303", "VMware", "vmware_certified", "ESX Endpoint Security Mux"),
		softwarePackage("net-community", "1.0.0-1", "Community", "community", "A community network driver"),
	}}}
}

func (m *imageConfigManager) HostImageConfigGetAcceptance(req *types.HostImageConfigGetAcceptance) soap.HasFault {
	return &methods.HostImageConfigGetAcceptanceBody{Res: &types.HostImageConfigGetAcceptanceResponse{Returnval: "community"}}
}

func (m *imageConfigManager) HostImageConfigGetProfile(req *types.HostImageConfigGetProfile) soap.HasFault {
	return &methods.HostImageConfigGetProfileBody{Res: &types.HostImageConfigGetProfileResponse{
		Returnval: types.HostImageProfileSummary{Name: "ESXi-6.5.0-5969303-standard", Vendor: "VMware, Inc."},
	}}
}

func (m *imageConfigManager) InstallDate(req *types.InstallDate) soap.HasFault {
	return &methods.InstallDateBody{Res: &types.InstallDateResponse{Returnval: time.Date(2024, 6, 25, 10, 0, 0, 0, time.UTC)}}
}

type kernelModuleSystem struct{ mo.HostKernelModuleSystem }

func newKernelModuleSystem(host string) *kernelModuleSystem {
	m := &kernelModuleSystem{}
	m.Self = moid("HostKernelModuleSystem", "kernelmodulesystem", host)
	return m
}

func kernelModule(id int32, name string, text, data, bss int32) types.KernelModuleInfo {
	return types.KernelModuleInfo{
		Id: id, Name: name, Version: "1.0", Filename: "/usr/lib/vmware/vmkmod/" + name, Loaded: true, Enabled: true,
		TextSection: types.KernelModuleSectionInfo{Address: 0x41800000, Length: text},
		DataSection: types.KernelModuleSectionInfo{Address: 0x41900000, Length: data},
		BssSection:  types.KernelModuleSectionInfo{Address: 0x41a00000, Length: bss},
	}
}

func (m *kernelModuleSystem) QueryModules(req *types.QueryModules) soap.HasFault {
	return &methods.QueryModulesBody{Res: &types.QueryModulesResponse{Returnval: []types.KernelModuleInfo{
		kernelModule(1, "vmkernel", 9437184, 1048576, 2097152),
		kernelModule(2, "nvmxnet3", 196608, 16384, 4096),
		kernelModule(4, "pvscsi", 131072, 8192, 0),
		kernelModule(3, "dvfilter", 65536, 8192, 0),
	}}}
}

type accessManager struct{ mo.HostAccessManager }

func newAccessManager(host string) *accessManager {
	m := &accessManager{}
	m.Self = moid("HostAccessManager", "host-access-manager", host)
	m.LockdownMode = types.HostLockdownModeLockdownNormal
	return m
}

func (m *accessManager) QueryLockdownExceptions(req *types.QueryLockdownExceptions) soap.HasFault {
	return &methods.QueryLockdownExceptionsBody{Res: &types.QueryLockdownExceptionsResponse{Returnval: []string{"svc-backup"}}}
}

type snmpSystem struct{ mo.HostSnmpSystem }

func newSnmpSystem(host string) *snmpSystem {
	m := &snmpSystem{}
	m.Self = moid("HostSnmpSystem", "snmpsystem", host)
	m.Configuration = types.HostSnmpConfigSpec{
		Enabled: types.NewBool(true), Port: 161, ReadOnlyCommunities: []string{"public"},
	}
	return m
}

type virtualNicManager struct{ mo.HostVirtualNicManager }

func newVirtualNicManager(host string, info types.HostVirtualNicManagerInfo) *virtualNicManager {
	m := &virtualNicManager{}
	m.Self = moid("HostVirtualNicManager", "virtualnicmanager", host)
	m.Info = info
	return m
}

func (m *virtualNicManager) QueryNetConfig(req *types.QueryNetConfig) soap.HasFault {
	for i := range m.Info.NetConfig {
		if m.Info.NetConfig[i].NicType == req.NicType {
			return &methods.QueryNetConfigBody{Res: &types.QueryNetConfigResponse{Returnval: &m.Info.NetConfig[i]}}
		}
	}
	return &methods.QueryNetConfigBody{Res: &types.QueryNetConfigResponse{}}
}
