// Package vimlogin is the connect and login the Go peers share (test/govmomi-client, bench/govmomi-peer): the -url,
// -user and -thumbprint flags, the password from the environment, a SOAP client pinned to the server's SHA-1
// thumbprint, vim25.NewClient and SessionManager.Login. test/go/build.sh puts it on GOPATH as
// hvscan/test/go/vimlogin.
package vimlogin

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"

	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/soap"
)

// PasswordEnv carries the password: a command-line flag would show it to every user of the machine in ps.
const PasswordEnv = "HVSCAN_PEER_PASSWORD"

// Target is where a peer connects and as whom, from its flags.
type Target struct {
	url, user, thumbprint *string
}

// Flags registers -url, -user and -thumbprint; call before flag.Parse.
func Flags() Target {
	return Target{
		url:        flag.String("url", "", "https://127.0.0.1:PORT/sdk"),
		user:       flag.String("user", "root", "user name (the password comes from $"+PasswordEnv+")"),
		thumbprint: flag.String("thumbprint", "", "SHA-1 thumbprint of the server certificate (AA:BB:...)"),
	}
}

// Fail names the step that failed and exits 1.
func Fail(step string, err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", step, err)
	os.Exit(1)
}

// Login connects to the target, pinning its thumbprint, and logs in; any failure ends the program through Fail.
func (t Target) Login(ctx context.Context) (*vim25.Client, *session.Manager) {
	password, ok := os.LookupEnv(PasswordEnv)
	if !ok {
		Fail("password", fmt.Errorf("$%s is not set", PasswordEnv))
	}
	u, err := soap.ParseURL(*t.url)
	if err != nil {
		Fail("url", err)
	}
	sc := soap.NewClient(u, false)
	sc.SetThumbprint(u.Host, *t.thumbprint)
	c, err := vim25.NewClient(ctx, sc)
	if err != nil {
		Fail("connect", err)
	}
	sm := session.NewManager(c)
	if err := sm.Login(ctx, url.UserPassword(*t.user, password)); err != nil {
		Fail("login", err)
	}
	return c, sm
}
