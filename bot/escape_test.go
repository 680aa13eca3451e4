package bot

import "testing"

func TestEscapeUserText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain question?", "plain question?"},
		{"@everyone look", "@\u200beveryone look"},
		{"@here", "@\u200bhere"},
		{"<@123> and <@!456> and <@&789>", "<\u200b@123\\> and <\u200b@!456\\> and <\u200b@&789\\>"},
		{"**bold** _it_ ~~s~~ `code` ||spoiler||", `\*\*bold\*\* \_it\_ \~\~s\~\~ \` + "`code\\`" + ` \|\|spoiler\|\|`},
		{"> quote\n# heading\n- item", "\\> quote\n\\# heading\n\\- item"},
		{"[link](http://x)", `\[link\]\(http://x\)`},
		{`back\slash`, `back\\slash`},
		{"", ""},
	}
	for _, tc := range tests {
		if got := EscapeUserText(tc.in); got != tc.want {
			t.Errorf("EscapeUserText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
