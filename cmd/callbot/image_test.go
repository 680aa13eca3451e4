package main

import (
	"bytes"
	"debug/elf"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"

	"go.yaml.in/yaml/v3"
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

// dockerInstr is one Dockerfile instruction: its keyword, upper case, and
// its arguments, continuation lines joined.
type dockerInstr struct {
	cmd, args string
	line      int
}

// dockerfileStages reads the repository's Dockerfile into its stages, each
// the instructions from one FROM to the next, FROM included.
func dockerfileStages(t *testing.T) [][]dockerInstr {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	var stages [][]dockerInstr
	var cur strings.Builder
	start := 0
	for i, l := range strings.Split(string(b), "\n") {
		trimmed := strings.TrimSpace(l)
		if strings.HasPrefix(trimmed, "#") || trimmed == "" && cur.Len() == 0 {
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		if s, ok := strings.CutSuffix(trimmed, `\`); ok {
			cur.WriteString(s + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(strings.TrimSpace(cur.String()), " ")
		cur.Reset()
		in := dockerInstr{strings.ToUpper(cmd), strings.TrimSpace(args), start}
		if in.cmd == "FROM" {
			stages = append(stages, nil)
		}
		if len(stages) == 0 {
			t.Fatalf("Dockerfile:%d: %s before the first FROM", in.line, in.cmd)
		}
		stages[len(stages)-1] = append(stages[len(stages)-1], in)
	}
	if len(stages) < 2 {
		t.Fatalf("Dockerfile has %d stages, want a build stage and the final one", len(stages))
	}
	return stages
}

// TestImageDataVolume checks, from the Dockerfile's text (no docker engine
// here), that the image keeps the question record in a volume at /data that
// the nonroot user can write: distroless has no shell, so the build stage
// makes the empty directory and the final stage copies it in, chowned.
func TestImageDataVolume(t *testing.T) {
	t.Parallel()
	stages := dockerfileStages(t)
	build, final := stages[0], stages[len(stages)-1]
	buildName := ""
	if f := strings.Fields(build[0].args); len(f) == 3 && strings.EqualFold(f[1], "AS") {
		buildName = f[2]
	}
	if buildName == "" {
		t.Fatalf("Dockerfile:%d: the first stage is not named (FROM IMAGE AS NAME)", build[0].line)
	}
	const volume = "/data"
	const dbURL = "sqlite:/data/callbot.db"

	var copyLine, volumeLine, userLine, envLine int
	var copySrc string
	for _, in := range final {
		switch in.cmd {
		case "COPY":
			f := strings.Fields(in.args)
			if len(f) < 2 || strings.TrimSuffix(f[len(f)-1], "/") != volume {
				continue
			}
			copyLine, copySrc = in.line, f[len(f)-2]
			if !slices.Contains(f, "--from="+buildName) {
				t.Errorf("Dockerfile:%d: COPY to %s does not copy --from=%s", in.line, volume, buildName)
			}
			if !slices.Contains(f, "--chown=65532:65532") {
				t.Errorf("Dockerfile:%d: COPY to %s lacks --chown=65532:65532; the nonroot user could not write the record", in.line, volume)
			}
		case "VOLUME":
			if v := strings.Trim(in.args, `[]" `); v == volume {
				volumeLine = in.line
			}
		case "USER":
			// Numeric: Kubernetes refuses runAsNonRoot for a named user
			// when the pod sets no runAsUser.
			if in.args == "65532:65532" || in.args == "65532" {
				userLine = in.line
			} else {
				t.Errorf("Dockerfile:%d: USER %s, want the numeric 65532:65532", in.line, in.args)
			}
		case "ENV":
			// ENV KEY=VALUE [KEY=VALUE…]; the legacy ENV KEY VALUE form too.
			for _, kv := range strings.Fields(in.args) {
				if v, ok := strings.CutPrefix(kv, "CALLBOT_DATABASE_URL="); ok {
					envLine = in.line
					if v = strings.Trim(v, `"`); v != dbURL {
						t.Errorf("Dockerfile:%d: CALLBOT_DATABASE_URL=%s, want %s", in.line, v, dbURL)
					}
				}
			}
		}
	}
	switch {
	case volumeLine == 0:
		t.Errorf("the final stage does not declare VOLUME %s", volume)
	case copyLine == 0:
		t.Errorf("the final stage does not COPY --from=%s --chown=65532:65532 an empty directory to %s", buildName, volume)
	case copyLine > volumeLine:
		t.Errorf("Dockerfile:%d: %s is copied after VOLUME (line %d); build steps that change a volume are discarded", copyLine, volume, volumeLine)
	}
	if userLine == 0 {
		t.Error("the final stage does not run as USER 65532:65532")
	}
	if envLine == 0 {
		t.Errorf("the final stage does not set ENV CALLBOT_DATABASE_URL=%s", dbURL)
	}
	if copySrc != "" {
		made := false
		for _, in := range build {
			if in.cmd == "RUN" && strings.Contains(in.args, "mkdir") && slices.Contains(strings.Fields(in.args), strings.TrimSuffix(copySrc, "/")) {
				made = true
			}
		}
		if !made {
			t.Errorf("the build stage does not RUN mkdir %s, which the final stage copies to %s", copySrc, volume)
		}
	}
}

// readYAML decodes every document of a YAML file under the repository root.
func readYAML(t *testing.T, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", path))
	if err != nil {
		t.Fatal(err)
	}
	var docs []map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(b))
	for {
		var d map[string]any
		if err := dec.Decode(&d); errors.Is(err, io.EOF) {
			return docs
		} else if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if d != nil {
			docs = append(docs, d)
		}
	}
}

// dig follows keys through nested maps and lists (an int indexes a list).
func dig(v any, keys ...any) any {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// TestComposeDataVolume: the container's root filesystem is read-only, so
// /data must be a named volume, declared at the top level.
func TestComposeDataVolume(t *testing.T) {
	t.Parallel()
	docs := readYAML(t, "docker-compose.yml")
	if len(docs) != 1 {
		t.Fatalf("docker-compose.yml has %d documents, want 1", len(docs))
	}
	svc := dig(docs[0], "services", "callbot")
	if dig(svc, "read_only") != true {
		t.Error("services.callbot is not read_only: true")
	}
	// /metrics must not face every interface of the host.
	ports, _ := dig(svc, "ports").([]any)
	for _, p := range ports {
		if s, _ := p.(string); !strings.HasPrefix(s, "127.0.0.1:") {
			t.Errorf("services.callbot publishes %q on every interface, want 127.0.0.1:…", s)
		}
	}
	volumes, _ := dig(svc, "volumes").([]any)
	named := ""
	for _, v := range volumes {
		s, _ := v.(string)
		if src, dst, _ := strings.Cut(s, ":"); strings.TrimSuffix(dst, ":rw") == "/data" {
			named = src
		}
	}
	switch top, _ := dig(docs[0], "volumes").(map[string]any); {
	case named == "":
		t.Fatalf("services.callbot.volumes mounts nothing at /data: %v", volumes)
	case strings.ContainsAny(named, "/.~"):
		t.Errorf("/data is the bind mount %q, want a named volume (Docker fills it from the image, owned by nonroot)", named)
	default:
		if _, ok := top[named]; !ok {
			t.Errorf("volume %q is not declared under the top-level volumes", named)
		}
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^\s*#.*CALLBOT_DATABASE_URL: postgres://`).Match(b) {
		t.Error("docker-compose.yml lacks the commented CALLBOT_DATABASE_URL: postgres://… example")
	}
}

// podSpec finds the manifest of kind named name in the kustomization's
// files and returns it with its pod spec and its callbot container.
func podSpec(t *testing.T, kind, name string) (obj, pod, container map[string]any) {
	t.Helper()
	kust := readYAML(t, "deploy/kubernetes/kustomization.yaml")
	resources, _ := dig(kust[0], "resources").([]any)
	for _, r := range resources {
		file, _ := r.(string)
		for _, d := range readYAML(t, filepath.Join("deploy", "kubernetes", file)) {
			if d["kind"] != kind || dig(d, "metadata", "name") != name {
				continue
			}
			pod, _ = dig(d, "spec", "template", "spec").(map[string]any)
			cs, _ := dig(pod, "containers").([]any)
			for _, c := range cs {
				if c, ok := c.(map[string]any); ok && c["name"] == "callbot" {
					container = c
				}
			}
			if container == nil {
				t.Fatalf("%s %s has no container named callbot", kind, name)
			}
			return d, pod, container
		}
	}
	t.Fatalf("no %s %s among the kustomization's resources %v", kind, name, resources)
	return nil, nil, nil
}

// dataMount returns the name of the volume the container mounts at /data.
func dataMount(t *testing.T, what string, container map[string]any) string {
	t.Helper()
	mounts, _ := container["volumeMounts"].([]any)
	for _, m := range mounts {
		if dig(m, "mountPath") == "/data" {
			if dig(m, "readOnly") == true {
				t.Errorf("%s mounts /data read-only", what)
			}
			name, _ := dig(m, "name").(string)
			return name
		}
	}
	t.Errorf("%s mounts nothing at /data", what)
	return ""
}

// checkNonrootWritable: fsGroup makes the volume writable by nonroot, and
// the root filesystem stays read-only.
func checkNonrootWritable(t *testing.T, what string, pod, container map[string]any) {
	t.Helper()
	if g := dig(pod, "securityContext", "fsGroup"); g != distrolessNonroot {
		t.Errorf("%s: securityContext.fsGroup = %v, want %d so nonroot may write /data", what, g, distrolessNonroot)
	}
	if dig(container, "securityContext", "readOnlyRootFilesystem") != true {
		t.Errorf("%s: readOnlyRootFilesystem is not true", what)
	}
}

// TestKubernetesDataVolumes: each gateway shard keeps its record on its own
// claim; the HTTP replicas, which cannot share one SQLite file, write to an
// emptyDir until the Secret gives a postgres URL.
func TestKubernetesDataVolumes(t *testing.T) {
	t.Parallel()
	t.Run("gateway", func(t *testing.T) {
		t.Parallel()
		sts, pod, c := podSpec(t, "StatefulSet", "callbot-gateway")
		checkNonrootWritable(t, "StatefulSet callbot-gateway", pod, c)
		name := dataMount(t, "StatefulSet callbot-gateway", c)
		claims, _ := dig(sts, "spec", "volumeClaimTemplates").([]any)
		found := false
		for _, cl := range claims {
			if dig(cl, "metadata", "name") != name {
				continue
			}
			found = true
			if s, _ := dig(cl, "spec", "resources", "requests", "storage").(string); s == "" {
				t.Errorf("volumeClaimTemplate %s requests no storage", name)
			}
			if modes, _ := dig(cl, "spec", "accessModes").([]any); !slices.Contains(modes, any("ReadWriteOnce")) {
				t.Errorf("volumeClaimTemplate %s: accessModes %v, want ReadWriteOnce", name, modes)
			}
		}
		if name != "" && !found {
			t.Errorf("/data mounts %q, which is no volumeClaimTemplate", name)
		}
	})
	t.Run("http", func(t *testing.T) {
		t.Parallel()
		_, pod, c := podSpec(t, "Deployment", "callbot-http")
		checkNonrootWritable(t, "Deployment callbot-http", pod, c)
		name := dataMount(t, "Deployment callbot-http", c)
		vols, _ := dig(pod, "volumes").([]any)
		found := false
		for _, v := range vols {
			if dig(v, "name") == name {
				found = true
				if _, ok := dig(v, "emptyDir").(map[string]any); !ok {
					t.Errorf("volume %s is not an emptyDir: several replicas cannot share one SQLite file", name)
				}
			}
		}
		if name != "" && !found {
			t.Errorf("/data mounts %q, which is not among the pod's volumes", name)
		}
	})
	t.Run("secret", func(t *testing.T) {
		t.Parallel()
		b, err := os.ReadFile(filepath.Join("..", "..", "deploy", "kubernetes", "secret.example.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`(?m)^\s*#\s*CALLBOT_DATABASE_URL: "?postgres://`).Match(b) {
			t.Error("secret.example.yaml lacks the commented CALLBOT_DATABASE_URL postgres:// example")
		}
		readYAML(t, "deploy/kubernetes/secret.example.yaml") // still valid YAML
	})
}
