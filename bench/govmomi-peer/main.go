// Command govmomi-peer is the benchmark's reference vSphere client (govmomi 0.24.2 from Debian, as govc reads
// inventory): it logs in, lists the HostSystems through a ContainerView and reads the given host property paths in one
// property-collector pass (view.ContainerView.Retrieve, decoded into mo.HostSystem), then logs out. The paths come
// from hvscan's own list (bench/govmomi-peer.ts passes them as JSON with their since-versions; the same gate as
// connectors/esxi/inventory/retrieve.ts hostPaths drops a path newer than the server's API). It prints one JSON line: the API
// version, the paths requested, the hosts decoded, its wall time and its peak RSS (getrusage ru_maxrss).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
)

type requestedPath struct {
	Path  string `json:"path"`
	Since string `json:"since,omitempty"`
}

type result struct {
	APIVersion string   `json:"apiVersion"`
	Paths      []string `json:"paths"`
	Hosts      int      `json:"hosts"`
	Named      int      `json:"named"`
	WallMs     float64  `json:"wallMs"`
	CPUMs      float64  `json:"cpuMs"`
	PeakRssKb  int64    `json:"peakRssKb"`
}

func fail(step string, err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", step, err)
	os.Exit(1)
}

// atLeast compares dotted versions numerically, a missing part counting as 0 (retrieve.ts versionAtLeast).
func atLeast(version, min string) bool {
	have, want := strings.Split(version, "."), strings.Split(min, ".")
	for i := range want {
		w, _ := strconv.Atoi(want[i])
		h := 0
		if i < len(have) {
			var err error
			if h, err = strconv.Atoi(have[i]); err != nil {
				return false
			}
		}
		if h != w {
			return h > w
		}
	}
	return true
}

func main() {
	rawURL := flag.String("url", "", "https://127.0.0.1:PORT/sdk")
	user := flag.String("user", "root", "user name")
	password := flag.String("password", "", "password")
	thumbprint := flag.String("thumbprint", "", "SHA-1 thumbprint of the server certificate (AA:BB:...)")
	pathsJSON := flag.String("paths", "", `JSON [{"path":"name"},{"path":"runtime.x","since":"7.0.3.0"}]`)
	flag.Parse()
	var requested []requestedPath
	if err := json.Unmarshal([]byte(*pathsJSON), &requested); err != nil || len(requested) == 0 {
		fail("paths", fmt.Errorf("-paths must be a non-empty JSON list: %v", err))
	}
	start := time.Now()
	ctx := context.Background()

	u, err := soap.ParseURL(*rawURL)
	if err != nil {
		fail("url", err)
	}
	sc := soap.NewClient(u, false)
	sc.SetThumbprint(u.Host, *thumbprint)
	c, err := vim25.NewClient(ctx, sc)
	if err != nil {
		fail("connect", err)
	}
	if err := session.NewManager(c).Login(ctx, url.UserPassword(*user, *password)); err != nil {
		fail("login", err)
	}
	out := result{APIVersion: c.ServiceContent.About.ApiVersion}
	for _, p := range requested {
		if p.Since == "" || atLeast(out.APIVersion, p.Since) {
			out.Paths = append(out.Paths, p.Path)
		}
	}
	cv, err := view.NewManager(c).CreateContainerView(ctx, c.ServiceContent.RootFolder, []string{"HostSystem"}, true)
	if err != nil {
		fail("CreateContainerView", err)
	}
	var hosts []mo.HostSystem
	if err := cv.Retrieve(ctx, []string{"HostSystem"}, out.Paths, &hosts); err != nil {
		fail("RetrieveProperties", err)
	}
	_ = cv.Destroy(ctx)
	_ = session.NewManager(c).Logout(ctx)
	out.Hosts = len(hosts)
	for _, h := range hosts {
		if h.Name != "" {
			out.Named++
		}
	}
	out.WallMs = float64(time.Since(start).Microseconds()) / 1000
	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err == nil {
		out.CPUMs = float64((usage.Utime.Nano()+usage.Stime.Nano())/1e3) / 1000
		out.PeakRssKb = usage.Maxrss // kB on Linux
	}
	line, _ := json.Marshal(out)
	fmt.Println(string(line))
}
