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
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25/mo"
	"hvscan/test/go/vimlogin"
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
	target := vimlogin.Flags()
	pathsJSON := flag.String("paths", "", `JSON [{"path":"name"},{"path":"runtime.x","since":"7.0.3.0"}]`)
	flag.Parse()
	var requested []requestedPath
	if err := json.Unmarshal([]byte(*pathsJSON), &requested); err != nil || len(requested) == 0 {
		vimlogin.Fail("paths", fmt.Errorf("-paths must be a non-empty JSON list: %v", err))
	}
	start := time.Now()
	ctx := context.Background()
	c, sm := target.Login(ctx)
	out := result{APIVersion: c.ServiceContent.About.ApiVersion}
	for _, p := range requested {
		if p.Since == "" || atLeast(out.APIVersion, p.Since) {
			out.Paths = append(out.Paths, p.Path)
		}
	}
	cv, err := view.NewManager(c).CreateContainerView(ctx, c.ServiceContent.RootFolder, []string{"HostSystem"}, true)
	if err != nil {
		vimlogin.Fail("CreateContainerView", err)
	}
	var hosts []mo.HostSystem
	if err := cv.Retrieve(ctx, []string{"HostSystem"}, out.Paths, &hosts); err != nil {
		vimlogin.Fail("RetrieveProperties", err)
	}
	_ = cv.Destroy(ctx)
	_ = sm.Logout(ctx)
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
