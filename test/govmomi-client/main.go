// Command govmomi-probe is an independent vSphere client (govmomi 0.24.2 from Debian) that hvscan's tests run against
// the lab ESXi/vCenter simulator: it pins the simulator's SHA-1 thumbprint, logs in, walks the hosts through a
// ContainerView, pages RetrievePropertiesEx with maxObjects, reads host properties and manager data, calls the
// manager methods, logs out, and prints everything it decoded as one JSON document.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/vmware/govmomi/property"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
	"hvscan/test/go/vimlogin"
)

type hostReport struct {
	MoID            string                    `json:"moId"`
	Name            string                    `json:"name"`
	Product         types.AboutInfo           `json:"product"`
	CPUFeature      []types.HostCpuIdInfo     `json:"cpuFeature"`
	Options         map[string]interface{}    `json:"options"`
	QueryOptions    map[string]interface{}    `json:"queryOptions"`
	LockdownMode    string                    `json:"lockdownMode"`
	Firewall        *types.HostFirewallInfo   `json:"firewall"`
	Services        []types.HostService       `json:"services"`
	Acceptance      string                    `json:"acceptance"`
	Vibs            []types.SoftwarePackage   `json:"vibs"`
	Modules         []string                  `json:"modules"`
	ImageProfile    string                    `json:"imageProfile"`
	LockdownExcepts []string                  `json:"lockdownExceptions"`
	ManagementVnics []string                  `json:"managementVnics"`
	Snmp            *types.HostSnmpConfigSpec `json:"snmp"`
	Errors          map[string]string         `json:"errors"`
}

type report struct {
	About      types.AboutInfo `json:"about"`
	PagedHosts []string        `json:"pagedHosts"`
	Pages      int             `json:"pages"`
	Hosts      []hostReport    `json:"hosts"`
}

func main() {
	target := vimlogin.Flags()
	pageSize := flag.Int("page", 2, "maxObjects for the paged RetrievePropertiesEx")
	flag.Parse()
	ctx := context.Background()

	c, sm := target.Login(ctx)
	defer func() { _ = sm.Logout(ctx) }()

	out := report{About: c.ServiceContent.About}
	vm := view.NewManager(c)
	cv, err := vm.CreateContainerView(ctx, c.ServiceContent.RootFolder, []string{"HostSystem"}, true)
	if err != nil {
		vimlogin.Fail("CreateContainerView", err)
	}
	defer func() { _ = cv.Destroy(ctx) }()

	// Paging through the raw methods, as a collector of many hosts would.
	spec := types.PropertyFilterSpec{
		ObjectSet: []types.ObjectSpec{{Obj: cv.Reference(), Skip: types.NewBool(true), SelectSet: []types.BaseSelectionSpec{&types.TraversalSpec{Type: "ContainerView", Path: "view"}}}},
		PropSet:   []types.PropertySpec{{Type: "HostSystem", PathSet: []string{"name"}}},
	}
	res, err := methods.RetrievePropertiesEx(ctx, c, &types.RetrievePropertiesEx{This: c.ServiceContent.PropertyCollector, SpecSet: []types.PropertyFilterSpec{spec}, Options: types.RetrieveOptions{MaxObjects: int32(*pageSize)}})
	if err != nil {
		vimlogin.Fail("RetrievePropertiesEx", err)
	}
	for r := res.Returnval; r != nil; {
		out.Pages++
		for _, oc := range r.Objects {
			out.PagedHosts = append(out.PagedHosts, oc.Obj.Value)
		}
		if r.Token == "" {
			break
		}
		next, err := methods.ContinueRetrievePropertiesEx(ctx, c, &types.ContinueRetrievePropertiesEx{This: c.ServiceContent.PropertyCollector, Token: r.Token})
		if err != nil {
			vimlogin.Fail("ContinueRetrievePropertiesEx", err)
		}
		r = &next.Returnval
	}

	var hosts []mo.HostSystem
	if err := cv.Retrieve(ctx, []string{"HostSystem"}, []string{"name", "config.product", "hardware.cpuFeature", "config.option", "config.lockdownMode", "configManager"}, &hosts); err != nil {
		vimlogin.Fail("retrieve hosts", err)
	}
	sort.Slice(hosts, func(i, j int) bool { return hosts[i].Self.Value < hosts[j].Self.Value })
	pc := property.DefaultCollector(c)
	for _, h := range hosts {
		hr := hostReport{MoID: h.Self.Value, Name: h.Name, Options: map[string]interface{}{}, QueryOptions: map[string]interface{}{}, Errors: map[string]string{}}
		hr.Product = h.Config.Product
		hr.CPUFeature = h.Hardware.CpuFeature
		hr.LockdownMode = string(h.Config.LockdownMode)
		for _, o := range h.Config.Option {
			ov := o.GetOptionValue()
			hr.Options[ov.Key] = ov.Value
		}
		cm := h.ConfigManager
		if cm.FirewallSystem != nil {
			var fw mo.HostFirewallSystem
			if err := pc.RetrieveOne(ctx, *cm.FirewallSystem, []string{"firewallInfo"}, &fw); err != nil {
				hr.Errors["firewallInfo"] = err.Error()
			} else {
				hr.Firewall = fw.FirewallInfo
			}
		}
		if cm.ServiceSystem != nil {
			var ss mo.HostServiceSystem
			if err := pc.RetrieveOne(ctx, *cm.ServiceSystem, []string{"serviceInfo"}, &ss); err != nil {
				hr.Errors["serviceInfo"] = err.Error()
			} else {
				hr.Services = ss.ServiceInfo.Service
			}
		}
		if cm.SnmpSystem != nil {
			var snmp mo.HostSnmpSystem
			if err := pc.RetrieveOne(ctx, *cm.SnmpSystem, []string{"configuration"}, &snmp); err != nil {
				hr.Errors["snmp"] = err.Error()
			} else {
				hr.Snmp = &snmp.Configuration
			}
		}
		if cm.AdvancedOption != nil {
			if r, err := methods.QueryOptions(ctx, c, &types.QueryOptions{This: *cm.AdvancedOption, Name: "UserVars."}); err != nil {
				hr.Errors["QueryOptions"] = err.Error()
			} else {
				for _, o := range r.Returnval {
					ov := o.GetOptionValue()
					hr.QueryOptions[ov.Key] = ov.Value
				}
			}
			if _, err := methods.QueryOptions(ctx, c, &types.QueryOptions{This: *cm.AdvancedOption, Name: "No.Such.Option"}); err != nil {
				hr.Errors["QueryOptionsUnknown"] = faultName(err)
			}
		}
		if cm.ImageConfigManager != nil {
			if r, err := methods.HostImageConfigGetAcceptance(ctx, c, &types.HostImageConfigGetAcceptance{This: *cm.ImageConfigManager}); err != nil {
				hr.Errors["acceptance"] = err.Error()
			} else {
				hr.Acceptance = r.Returnval
			}
			if r, err := methods.FetchSoftwarePackages(ctx, c, &types.FetchSoftwarePackages{This: *cm.ImageConfigManager}); err != nil {
				hr.Errors["fetchSoftwarePackages"] = err.Error()
			} else {
				hr.Vibs = r.Returnval
			}
			if r, err := methods.HostImageConfigGetProfile(ctx, c, &types.HostImageConfigGetProfile{This: *cm.ImageConfigManager}); err != nil {
				hr.Errors["imageProfile"] = err.Error()
			} else {
				hr.ImageProfile = r.Returnval.Name
			}
		}
		if cm.KernelModuleSystem != nil {
			if r, err := methods.QueryModules(ctx, c, &types.QueryModules{This: *cm.KernelModuleSystem}); err != nil {
				hr.Errors["QueryModules"] = err.Error()
			} else {
				for _, m := range r.Returnval {
					hr.Modules = append(hr.Modules, m.Name)
				}
			}
		}
		if cm.HostAccessManager != nil {
			if r, err := methods.QueryLockdownExceptions(ctx, c, &types.QueryLockdownExceptions{This: *cm.HostAccessManager}); err != nil {
				hr.Errors["QueryLockdownExceptions"] = err.Error()
			} else {
				hr.LockdownExcepts = r.Returnval
			}
		}
		if cm.VirtualNicManager != nil {
			if r, err := methods.QueryNetConfig(ctx, c, &types.QueryNetConfig{This: *cm.VirtualNicManager, NicType: "management"}); err != nil {
				hr.Errors["QueryNetConfig"] = err.Error()
			} else if r.Returnval != nil {
				hr.ManagementVnics = r.Returnval.SelectedVnic
			}
		}
		out.Hosts = append(out.Hosts, hr)
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		vimlogin.Fail("encode", err)
	}
}

// faultName names the vim fault type inside a SOAP fault error (e.g. InvalidName), as a connector would classify it.
func faultName(err error) string {
	if soap.IsSoapFault(err) {
		if f := soap.ToSoapFault(err); f != nil && f.VimFault() != nil {
			return fmt.Sprintf("%T", f.VimFault())
		}
	}
	return err.Error()
}
