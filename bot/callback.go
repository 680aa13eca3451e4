package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/bwmarrin/discordgo"
)

// callbackAttempts bounds the tries of one interaction callback that Discord
// answers with a transient 500, 502, 503 or 504, or a 429. Discord allows
// 3 s from the interaction: the backoff, 100 then 200 ms (or a 429's
// retry_after, at most maxCallbackWait), keeps the tries inside it.
const (
	callbackAttempts = 3
	maxCallbackWait  = time.Second
)

// respond sends an interaction's response, retrying transient failures.
// A retry of a callback Discord did take fails harmlessly ("already
// acknowledged"), so an answer is never posted twice.
//
// The callback goes out on the session's HTTP client, not through
// discordgo's REST layer: that keeps a rate-limit bucket for every URL it
// has called and never frees one, and each interaction's callback URL is
// new (about 280 B of live heap per interaction). Interaction callbacks
// are not under the global rate limit.
func respond(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	body, err := json.Marshal(resp)
	if err != nil {
		return fmt.Errorf("encode interaction response: %w", err)
	}
	delay := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		wait, err := postCallback(ctx, s.Client, discordgo.EndpointInteractionResponse(i.ID, i.Token), body)
		if err == nil || attempt == callbackAttempts || wait < 0 {
			return err
		}
		if wait == 0 {
			wait, delay = delay, delay*2
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(min(wait, maxCallbackWait)):
		}
	}
}

// callbackError is a callback Discord refused.
type callbackError struct {
	status int
	body   string
}

func (e *callbackError) Error() string {
	return fmt.Sprintf("interaction callback: HTTP %d: %s", e.status, e.body)
}

// postCallback posts one callback. On failure it says how long to wait
// before a retry: a 429's retry_after, 0 for a transient 5xx or network
// error (the caller's backoff), or -1 when a retry cannot help.
func postCallback(ctx context.Context, c *http.Client, url string, body []byte) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return -1, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "DiscordBot (https://github.com/callbot/callbot, "+discordgo.VERSION+")")
	res, err := c.Do(req)
	if err != nil {
		return 0, withoutURL(err)
	}
	defer res.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	switch {
	case res.StatusCode < 300:
		return 0, nil
	case res.StatusCode == http.StatusTooManyRequests:
		return max(parseRateLimit(msg).after(), time.Millisecond), &callbackError{res.StatusCode, string(msg)}
	case res.StatusCode >= 500:
		return 0, &callbackError{res.StatusCode, string(msg)}
	}
	return -1, &callbackError{res.StatusCode, string(msg)}
}

// withoutURL drops the request URL from a transport error before it is
// logged: interaction callback URLs carry the interaction's token.
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s request: %w", ue.Op, ue.Err)
	}
	return err
}
