package journal

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
)

// userHashLen is how many hex digits of the HMAC a stored user keeps: 128
// bits, plenty to tell members apart, and short enough to index.
const userHashLen = 32

// NewID returns a random record ID: 16 lowercase hex digits from
// crypto/rand.
func NewID() string {
	var b [8]byte
	rand.Read(b[:]) // never fails: crypto/rand crashes the program instead
	return hex.EncodeToString(b[:])
}

// hashUser returns the hex HMAC-SHA256 of user under key, cut to
// userHashLen digits: stable for one key, and not reversible to the
// Discord id without it. "" stays "": there is nobody to hash.
func hashUser(key []byte, user string) string {
	if user == "" {
		return ""
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(user))
	return hex.EncodeToString(m.Sum(nil))[:userHashLen]
}

// randomKey returns a fresh 32-byte key, for hashing voters when no
// CALLBOT_RECORD_KEY is set.
func randomKey() []byte {
	k := make([]byte, 32)
	rand.Read(k)
	return k
}
