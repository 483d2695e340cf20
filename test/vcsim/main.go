// Command vcsim-hvscan starts govmomi's vSphere simulator (Debian's v0.24.2) on loopback for hvscan's conformance
// tests. It prints one JSON line with the URL and the TLS certificate, then serves until stdin closes or a signal.
//
// govmomi 0.24.2 registers no HostServiceSystem, HostImageConfigManager, HostKernelModuleSystem, HostAccessManager,
// HostVirtualNicManager or HostSnmpSystem. With -extras (the default) this program registers its own objects for
// them, so hvscan's full collection path runs on VMware's SOAP stack; with -extras=false they stay absent and
// hvscan must report those facts as unknown with a reason.
package main

import (
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"os/signal"
	"syscall"

	"github.com/vmware/govmomi/simulator"
	_ "github.com/vmware/govmomi/vapi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
	"hvscan/test/go/vimlogin"
)

func main() {
	mode := flag.String("mode", "esx", "esx (standalone ESXi) or vpx (vCenter)")
	hosts := flag.Int("hosts", 3, "vpx: number of hosts in the cluster")
	machines := flag.Int("machines", 2, "virtual machines per resource pool")
	extras := flag.Bool("extras", true, "register the managers govmomi 0.24.2 lacks")
	user := flag.String("user", "root", "accepted user name")
	flag.Parse()
	log.SetOutput(io.Discard) // vcsim logs every unknown-object fault; the tests read faults from the wire

	var model *simulator.Model
	switch *mode {
	case "esx":
		model = simulator.ESX()
	case "vpx":
		model = simulator.VPX()
		model.Host = 0
		model.ClusterHost = *hosts
	default:
		fmt.Fprintf(os.Stderr, "unknown -mode %q\n", *mode)
		os.Exit(2)
	}
	model.Machine = *machines
	if err := model.Create(); err != nil {
		fmt.Fprintf(os.Stderr, "create model: %v\n", err)
		os.Exit(1)
	}
	defer model.Remove()

	if *extras {
		for _, entity := range simulator.Map.All("HostSystem") {
			registerExtras(entity.(*simulator.HostSystem))
		}
	}

	listen := &url.URL{Host: "127.0.0.1:0"}
	// The accepted password comes from the environment, as the clients' does (unset: any non-empty password).
	if password := os.Getenv(vimlogin.PasswordEnv); password != "" {
		listen.User = url.UserPassword(*user, password)
	}
	model.Service.Listen = listen
	model.Service.TLS = new(tls.Config)
	model.Service.RegisterEndpoints = true
	server := model.Service.NewServer()
	defer server.Close()

	cert := server.Certificate()
	sum := sha256.Sum256(cert.Raw)
	ready, _ := json.Marshal(map[string]string{
		"url":         server.URL.Scheme + "://" + server.URL.Host + server.URL.Path,
		"sha256":      hex.EncodeToString(sum[:]),
		"certificate": string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})),
	})
	fmt.Println(string(ready))

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	go func() { _, _ = io.Copy(io.Discard, os.Stdin); stop <- syscall.SIGTERM }()
	<-stop
}

// registerExtras adds the missing managers to one host and a capability block like a real 6.7+ host reports.
func registerExtras(host *simulator.HostSystem) {
	id := host.Self.Value
	put := func(obj mo.Reference) *types.ManagedObjectReference {
		ref := simulator.Map.Put(obj).Reference()
		return &ref
	}
	cm := &host.ConfigManager
	cm.ServiceSystem = put(newServiceSystem(id, host.Config.Service))
	cm.ImageConfigManager = put(newImageConfigManager(id))
	cm.KernelModuleSystem = put(newKernelModuleSystem(id))
	cm.HostAccessManager = put(newAccessManager(id))
	cm.SnmpSystem = put(newSnmpSystem(id))
	if host.Config.VirtualNicManagerInfo != nil {
		cm.VirtualNicManager = put(newVirtualNicManager(id, *host.Config.VirtualNicManagerInfo))
	}
	if options, ok := simulator.Map.Get(*cm.AdvancedOption).(*simulator.OptionManager); ok {
		// A fresh slice: every host's OptionManager starts from the same esx.Setting array.
		options.Setting = append(append([]types.BaseOptionValue{}, options.Setting...),
			&types.OptionValue{Key: "Config.HostAgent.plugins.solo.enableMob", Value: false},
			&types.OptionValue{Key: "UserVars.ESXiShellTimeOut", Value: int64(0)},
			&types.OptionValue{Key: "Security.AccountLockFailures", Value: int64(5)},
			&types.OptionValue{Key: "VMkernel.Boot.execInstalledOnly", Value: true},
		)
	}
	host.Config.DateTimeInfo = &types.HostDateTimeInfo{NtpConfig: &types.HostNtpConfig{Server: []string{"0.pool.ntp.org", "1.pool.ntp.org"}}}
	yes, no := types.NewBool(true), types.NewBool(false)
	host.Capability = &types.HostCapability{
		NestedHVSupported:          yes,
		CpuHwMmuSupported:          yes,
		VirtualExecUsageSupported:  yes,
		TpmSupported:               yes,
		TpmVersion:                 "2.0",
		TxtEnabled:                 no,
		HostAccessManagerSupported: yes,
	}
}
