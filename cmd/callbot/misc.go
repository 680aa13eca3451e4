package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// invitePermissions is View Channel, Send Messages, Send Messages in Threads,
// Embed Links and Read Message History: all the bot needs to reply.
const invitePermissions = 1<<10 | 1<<11 | 1<<38 | 1<<14 | 1<<16

func cmdInvite(args []string, e env) error {
	c, _, err := loadConfig("invite", args, e, nil)
	if err != nil {
		return helpOK(err)
	}
	if err := require("DISCORD_APP_ID", c.AppID, "set it to the Application ID from the Developer Portal (General Information)"); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Add to a server (the bot, its commands, mentions and DMs):\n  %s\n", inviteURL(c.AppID))
	fmt.Fprintf(e.stdout, "Add to your account (its commands, everywhere you are; enable User Install under Installation in the Developer Portal):\n  %s\n", userInstallURL(c.AppID))
	return nil
}

// inviteURL installs the app in a server (integration type 0), with the
// bot user and the permissions it needs to reply.
func inviteURL(appID string) string {
	q := url.Values{}
	q.Set("client_id", appID)
	q.Set("scope", "bot applications.commands")
	q.Set("permissions", fmt.Sprint(invitePermissions))
	q.Set("integration_type", "0")
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}

// userInstallURL installs the app for a user (integration type 1): its
// commands, without a bot user, so no permissions.
func userInstallURL(appID string) string {
	q := url.Values{}
	q.Set("client_id", appID)
	q.Set("scope", "applications.commands")
	q.Set("integration_type", "1")
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}

// cmdHealthcheck asks the local server's /healthz, for a container
// HEALTHCHECK in an image without a shell or curl.
func cmdHealthcheck(ctx context.Context, args []string, e env) error {
	c, _, err := loadConfig("healthcheck", args, e, nil)
	if err != nil {
		return helpOK(err)
	}
	addr := c.HTTPAddr
	if addr == "" {
		addr = defaultHTTPAddr
	}
	u, err := healthURL(addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: %s answered %s", u, resp.Status)
	}
	fmt.Fprintln(e.stdout, "ok")
	return nil
}

// healthURL turns a listen address such as ":8080" into a loopback URL.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("CALLBOT_HTTP_ADDR=%q: want host:port such as :8080: %w", addr, err)
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
