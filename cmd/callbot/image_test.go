package main

import (
	"bytes"
	"debug/elf"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// distrolessNonroot is the uid and gid of the nonroot user in
// gcr.io/distroless/static-debian12:nonroot, the image's final stage.
const distrolessNonroot = 65532

// TestImageBinary stands in for the container image, which cannot be built
// here: it builds the binary exactly as the Dockerfile does (make build),
// checks it needs nothing from a base image, and runs it as the image would,
// with an empty environment, an empty working directory and a non-root user.
func TestImageBinary(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed; the image test builds with the Makefile's build target (CI installs make)")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "Makefile")); err != nil {
		t.Fatalf("no Makefile at the repository root: %v", err)
	}

	dir := t.TempDir()
	// t.TempDir's directories are 0700; the non-root user must reach the binary.
	for _, d := range []string{filepath.Dir(dir), dir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(dir, "callbot")
	const stamp = "v0.0.0-imagetest"
	build := exec.Command("make", "-C", root, "build", "BIN="+bin, "VERSION="+stamp)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("make build: %v\n%s", err, out)
	}

	t.Run("static", func(t *testing.T) { checkStatic(t, bin, root) })

	work := filepath.Join(dir, "empty")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(t *testing.T, args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = work
		cmd.Env = []string{} // non-nil and empty: nothing inherited
		if os.Geteuid() == 0 {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: distrolessNonroot, Gid: distrolessNonroot}}
		}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("callbot %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
		}
		return stdout.String()
	}
	if os.Geteuid() == 0 {
		t.Logf("running the binary as uid/gid %d, the image's nonroot user", distrolessNonroot)
	} else {
		t.Logf("not root: running the binary as the current user, uid %d", os.Geteuid())
	}

	t.Run("version", func(t *testing.T) {
		if got := run(t, "version"); !strings.Contains(got, stamp) {
			t.Errorf("callbot version printed %q, want it to contain the stamped %q", got, stamp)
		}
	})
	const question = "What did Macron say about lawyers?" // the README's quick start
	t.Run("ask", func(t *testing.T) {
		if got := run(t, "ask", question); strings.TrimSpace(got) == "" {
			t.Error("callbot ask printed nothing, want an answer")
		}
	})
	t.Run("ask --json", func(t *testing.T) {
		// The embedded knowledge must be in the binary and answer, not just load.
		var got struct {
			Answered  bool              `json:"answered"`
			ID        string            `json:"id"`
			Citations []json.RawMessage `json:"citations"`
		}
		out := run(t, "ask", "--json", question)
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("callbot ask --json printed %q: %v", out, err)
		}
		if !got.Answered || got.ID == "" || len(got.Citations) == 0 {
			t.Errorf("callbot ask --json: answered=%v id=%q with %d citations, want an answer with citations", got.Answered, got.ID, len(got.Citations))
		}
	})
	t.Run("kb check", func(t *testing.T) {
		run(t, "kb", "check") // the exit status is the verdict
	})
	entries, err := os.ReadDir(work)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("callbot wrote %s into its working directory; the image's root filesystem is read-only", e.Name())
	}
}

// checkStatic proves the binary runs on distroless/static: no interpreter, no
// shared libraries, stripped and free of build paths as the flags promise.
func checkStatic(t *testing.T, bin, root string) {
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatalf("open the binary as ELF: %v", err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		switch p.Type {
		case elf.PT_INTERP:
			t.Error("the binary has a PT_INTERP header: it needs a dynamic loader, want a static binary (CGO_ENABLED=0)")
		case elf.PT_DYNAMIC:
			t.Error("the binary has a PT_DYNAMIC header, want a static binary (CGO_ENABLED=0)")
		}
	}
	if s := f.Section(".dynamic"); s != nil {
		t.Error("the binary has a .dynamic section, want a static binary")
	}
	libs, err := f.ImportedLibraries()
	if err != nil {
		t.Errorf("read DT_NEEDED: %v", err)
	}
	if len(libs) > 0 {
		t.Errorf("the binary needs shared libraries %v, want none", libs)
	}
	if s := f.Section(".symtab"); s != nil {
		t.Error("the binary has a symbol table, want it stripped (-ldflags -s)")
	}
	if s := f.Section(".debug_info"); s != nil {
		t.Error("the binary has DWARF, want none (-ldflags -w)")
	}
	b, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(root+string(filepath.Separator))) {
		t.Errorf("the binary contains the build path %s, want it trimmed (-trimpath)", root)
	}
}
