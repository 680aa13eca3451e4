package httpapi

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MaxClockSkew is how far a request's X-Signature-Timestamp may be from now
// before it is refused as a replay (or as coming from a badly wrong clock).
const MaxClockSkew = 5 * time.Minute

// ParsePublicKey decodes the application's public key as shown in the
// Discord developer portal: 64 hex digits (32 bytes).
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("public key is empty: want the 64 hex digits from the developer portal (General Information > Public Key)")
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("public key is not hex: want 64 hex digits: %w", err)
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public key is %d bytes, want %d (64 hex digits)", len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// Reasons a request fails the signature check. They are never sent to the
// client (which gets a bare 401) but are logged at debug level.
var (
	errNoSignature  = errors.New("missing X-Signature-Ed25519")
	errNoTimestamp  = errors.New("missing X-Signature-Timestamp")
	errBadSignature = errors.New("X-Signature-Ed25519 is not 128 hex digits")
	errBadTimestamp = errors.New("X-Signature-Timestamp is not unix seconds")
	errStale        = errors.New("X-Signature-Timestamp is more than 5 minutes from now")
	errWrongKey     = errors.New("signature does not verify")
)

// parseHeaders checks the signature headers before the body is read, so
// probes with garbage headers cost nothing.
func parseHeaders(sigHex, ts string, now time.Time) (sig [ed25519.SignatureSize]byte, err error) {
	switch {
	case sigHex == "":
		return sig, errNoSignature
	case ts == "":
		return sig, errNoTimestamp
	}
	if len(sigHex) != 2*ed25519.SignatureSize {
		return sig, errBadSignature
	}
	if _, err := hex.Decode(sig[:], []byte(sigHex)); err != nil {
		return sig, errBadSignature
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return sig, errBadTimestamp
	}
	// Compare in seconds: time.Unix of a huge value would overflow Duration.
	if d := now.Unix() - secs; d > int64(MaxClockSkew/time.Second) || d < -int64(MaxClockSkew/time.Second) {
		return sig, errStale
	}
	return sig, nil
}
