// The Go text/template engine sew renders context files with: each construct of Go's
// grammar and semantics, sew's functions, the shapes of sew's registry files, errors that
// name file:line, and the bounds on untrusted templates.
import { describe, expect, it } from 'vitest';
import { hasTemplateActions, renderTemplate, type RenderOptions } from '../../../src/core/config/template/index.js';
import { InputError } from '../../../src/core/errors.js';

const FILE = 'registry/acme/cache/sew.yaml';

function render(source: string, data: Record<string, unknown> = {}, options: Partial<RenderOptions> = {}): string {
  return renderTemplate(source, data, { file: FILE, ...options });
}

function failure(source: string, data: Record<string, unknown> = {}, options: Partial<RenderOptions> = {}): InputError {
  try {
    render(source, data, options);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(source)} to fail`);
}

interface Case {
  readonly name: string;
  readonly source: string;
  readonly data?: Record<string, unknown>;
  readonly funcs?: RenderOptions['funcs'];
  readonly want: string;
}

const text: Case[] = [
  { name: 'plain text', source: 'kind:\n  name: plain\n', want: 'kind:\n  name: plain\n' },
  { name: 'a field', source: 'name: {{ .a }}', data: { a: 'x' }, want: 'name: x' },
  { name: 'a nested field', source: '{{ .a.b.c }}', data: { a: { b: { c: 'deep' } } }, want: 'deep' },
  { name: 'dot', source: '{{ . }}', data: { b: 'x', a: 1 }, want: 'map[a:1 b:x]' },
  { name: 'a slice', source: '{{ .l }}', data: { l: ['a', 'b'] }, want: '[a b]' },
  { name: 'nested values', source: '{{ .m }}', data: { m: { l: [1, { k: true }], n: null } }, want: 'map[l:[1 map[k:true]] n:<nil>]' },
  { name: 'numbers and booleans', source: '{{ .n }} {{ .f }} {{ .t }}', data: { n: 42, f: 1.5, t: true }, want: '42 1.5 true' },
  { name: 'floats as Go prints them', source: '{{ .a }} {{ .b }} {{ .c }}', data: { a: 0.00001, b: 1234567.5, c: 2 ** 60 }, want: '1e-05 1.2345675e+06 1.152921504606847e+18' },
  { name: 'a nil value', source: '{{ .n }}', data: { n: null }, want: '<no value>' },
  { name: 'left and right trim', source: 'a  {{- .x -}}  \n b', data: { x: 'X' }, want: 'aXb' },
  { name: 'trim across newlines', source: 'line1\n{{- if true }}\nyes\n{{- end }}\n', want: 'line1\nyes\n' },
  { name: 'trim of long whitespace runs', source: `a${' \n'.repeat(50_000)}{{- "b" -}}${'\t '.repeat(50_000)}c`, want: 'abc' },
  { name: 'a dash without space is a number', source: '{{-3}}', want: '-3' },
  { name: 'a comment', source: 'a{{/* note */}}b', want: 'ab' },
  { name: 'a trimmed comment', source: 'a \n{{- /* note */ -}}\n b', want: 'ab' },
  { name: 'a multi-line comment', source: 'a{{/* one\ntwo */}}b', want: 'ab' },
  { name: 'string escapes', source: '{{ "a\\tb\\"c\\u00e9\\x41\\101" }}', want: 'a\tb"céAA' },
  { name: 'a raw string', source: '{{ `a\\n"b"` }}', want: 'a\\n"b"' },
  { name: 'number literals', source: "{{ 0x1F }} {{ 1_000 }} {{ -3 }} {{ 017 }} {{ 1.5 }} {{ 'a' }} {{ 0b101 }}", want: '31 1000 -3 15 1.5 97 5' },
  { name: 'true, false, nil', source: '{{ true }} {{ false }} {{ print nil }}', want: 'true false <nil>' },
  { name: 'an action over several lines', source: '{{ printf "%s-%s"\n  .a\n  .b }}', data: { a: '1', b: '2' }, want: '1-2' },
];

const variables: Case[] = [
  { name: 'declare', source: '{{ $x := .a }}[{{ $x }}]', data: { a: '1' }, want: '[1]' },
  { name: 'assign', source: '{{ $x := "a" }}{{ $x = "b" }}{{ $x }}', want: 'b' },
  { name: 'assign inside if reaches outside', source: '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', want: '2' },
  { name: '$ is the data', source: '{{ with .a }}{{ $.b }}/{{ .c }}{{ end }}', data: { a: { c: 'in' }, b: 'root' }, want: 'root/in' },
  { name: 'fields of a variable', source: '{{ $m := .m }}{{ $m.k.j }}', data: { m: { k: { j: 'v' } } }, want: 'v' },
  { name: 'scope ends with the block', source: '{{ $x := "out" }}{{ if true }}{{ $x := "in" }}{{ $x }}{{ end }}{{ $x }}', want: 'inout' },
];

const pipelines: Case[] = [
  { name: 'the piped value is the last argument', source: '{{ .a | printf "%s-%s" "x" }}', data: { a: 'y' }, want: 'x-y' },
  { name: 'a chain of stages', source: '{{ "a" | printf "%s%s" "b" | printf "%s%s" "c" }}', want: 'cba' },
  { name: 'a parenthesised pipeline', source: '{{ printf "%d" (len .l) }}', data: { l: [1, 2, 3] }, want: '3' },
  { name: 'a field of a parenthesised pipeline', source: '{{ (index .l 0).name }}', data: { l: [{ name: 'n' }] }, want: 'n' },
  { name: 'a pipe inside parentheses', source: '{{ printf "<%s>" (.a | default "d") }}', data: { a: '' }, want: '<d>' },
];

const control: Case[] = [
  ...['a', 'b', 'c'].map((v) => ({
    name: `if / else if / else with ${v}`,
    source: '{{ if eq .v "a" }}A{{ else if eq .v "b" }}B{{ else }}C{{ end }}',
    data: { v },
    want: v.toUpperCase(),
  })),
  { name: 'if declaring a variable', source: '{{ if $x := .a }}{{ $x }}{{ end }}', data: { a: 'q' }, want: 'q' },
  ...(
    [
      ['an empty string', ''],
      ['zero', 0],
      ['nil', null],
      ['an empty slice', []],
      ['an empty map', {}],
      ['false', false],
    ] as const
  ).map(([what, s]) => ({ name: `${what} is false`, source: '{{ if .s }}y{{ else }}n{{ end }}', data: { s }, want: 'n' })),
  ...(
    [
      ['a string', 'x'],
      ['a number', 1],
      ['a slice', [0]],
      ['a map', { a: '' }],
      ['true', true],
    ] as const
  ).map(([what, s]) => ({ name: `${what} is true`, source: '{{ if .s }}y{{ else }}n{{ end }}', data: { s }, want: 'y' })),
  { name: 'range over a slice', source: '{{ range .l }}[{{ . }}]{{ end }}', data: { l: ['a', 'b'] }, want: '[a][b]' },
  { name: 'range with index and value', source: '{{ range $i, $v := .l }}{{ $i }}={{ $v }};{{ end }}', data: { l: ['a', 'b'] }, want: '0=a;1=b;' },
  { name: 'range with one variable', source: '{{ range $v := .l }}{{ $v }}{{ end }}', data: { l: ['a', 'b'] }, want: 'ab' },
  { name: 'range over a map, keys sorted', source: '{{ range $k, $v := .m }}{{ $k }}:{{ $v }} {{ end }}', data: { m: { b: '2', a: '1' } }, want: 'a:1 b:2 ' },
  { name: 'range else on empty', source: '{{ range .l }}x{{ else }}empty{{ end }}', data: { l: [] }, want: 'empty' },
  { name: 'range else on nil', source: '{{ range .l }}x{{ else }}none{{ end }}', data: { l: null }, want: 'none' },
  { name: 'range over an int', source: '{{ range 3 }}{{ . }}{{ end }}', want: '012' },
  {
    name: 'break and continue',
    source: '{{ range .l }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}',
    data: { l: [1, 2, 3, 4, 5] },
    want: '13',
  },
  { name: 'with sets dot', source: '{{ with .a }}{{ . }}{{ else }}none{{ end }}', data: { a: 'x' }, want: 'x' },
  { name: 'with else', source: '{{ with .a }}{{ . }}{{ else }}none{{ end }}', data: { a: '' }, want: 'none' },
  { name: 'else with', source: '{{ with .a }}A{{ else with .b }}{{ . }}{{ else }}none{{ end }}', data: { a: '', b: 'B' }, want: 'B' },
  { name: 'define and template', source: '{{ define "t" }}<{{ . }}>{{ end }}{{ template "t" .a }}', data: { a: 'x' }, want: '<x>' },
  { name: 'a template defined after its use', source: '{{ template "t" "x" }}{{ define "t" }}<{{ . }}>{{ end }}', want: '<x>' },
  { name: 'template without data', source: '{{ define "t" }}{{ . }}{{ end }}{{ template "t" }}', want: '<no value>' },
  { name: '$ inside a template is its data', source: '{{ define "t" }}{{ $ }}{{ end }}{{ template "t" "z" }}', want: 'z' },
  { name: 'an empty define does not replace a block', source: '{{ block "b" . }}[kept]{{ end }}{{ define "b" }} {{ end }}', want: '[kept]' },
  { name: 'a define fills an empty block', source: '{{ define "b" }}[filled]{{ end }}{{ block "b" . }}{{ end }}', want: '[filled]' },
  { name: 'block', source: '{{ block "b" .a }}[{{ . }}]{{ end }}', data: { a: 'x' }, want: '[x]' },
  {
    name: 'a recursive template',
    source: '{{ define "each" }}{{ if . }}({{ index . 0 }}{{ template "each" (slice . 1) }}){{ end }}{{ end }}{{ template "each" .l }}',
    data: { l: ['a', 'b', 'c'] },
    want: '(a(b(c)))',
  },
];

const functions: Case[] = [
  { name: 'and / or return the deciding value', source: '{{ and 1 0 }} {{ or 0 "" "x" }} {{ and 1 2 }} [{{ or 0 "" }}]', want: '0 x 2 []' },
  { name: 'and stops at the first false', source: '{{ and false .missing }}', want: 'false' },
  { name: 'or stops at the first true', source: '{{ or "yes" (required "never evaluated" "") }}', want: 'yes' },
  { name: 'not', source: '{{ not .a }} {{ not 1 }}', data: { a: '' }, want: 'true false' },
  { name: 'len counts bytes, items, keys', source: '{{ len .s }} {{ len .l }} {{ len .m }}', data: { s: 'héllo', l: [1, 2], m: { a: 1 } }, want: '6 2 1' },
  { name: 'index', source: '{{ index .l 1 }} {{ index .m "k" }} {{ index .n "a" 0 }}', data: { l: ['a', 'b'], m: { k: 'v' }, n: { a: ['z'] } }, want: 'b v z' },
  { name: 'index of a prototype name is nil', source: '{{ index . "toString" }}', want: '<no value>' },
  { name: 'index of a missing key is nil', source: '{{ index .m "nope" }}', data: { m: {} }, want: '<no value>' },
  { name: 'slice', source: '{{ slice .s 1 3 }} {{ slice .l 1 }}', data: { s: 'abcd', l: ['a', 'b', 'c'] }, want: 'bc [b c]' },
  { name: 'print spaces operands that are not strings', source: '{{ print "a" "b" 1 2 "c" }}', want: 'ab1 2c' },
  { name: 'println', source: '{{ println "a" 1 }}', want: 'a 1\n' },
  {
    name: 'printf verbs and flags',
    source: '{{ printf "%s|%d|%v|%q|%5s|%-3d|%03d|%.2f|%t|%x|%X|%+d|%c|%%" "s" 42 .m "q" "ab" 7 5 3.14159 true 255 "hi" 3 65 }}',
    data: { m: { a: 1 } },
    want: 's|42|map[a:1]|"q"|   ab|7  |005|3.14|true|ff|6869|+3|A|%',
  },
  { name: 'printf %q escapes', source: '{{ printf "%q" .s }}', data: { s: 'a"b\\c\n\t\u0001' }, want: '"a\\"b\\\\c\\n\\t\\x01"' },
  { name: 'printf with a width beyond 1e6', source: '{{ printf "%*d|%.*s" 2000000 1 2000000 "ab" }}', want: '%!(BADWIDTH)1|%!(BADPREC)ab' },
  { name: 'printf with a wrong type', source: '{{ printf "%d" "x" }}', want: '%!d(string=x)' },
  { name: 'printf with a missing operand', source: '{{ printf "%s %s" "a" }}', want: 'a %!s(MISSING)' },
  { name: 'printf with an extra operand', source: '{{ printf "%s" "a" "b" }}', want: 'a%!(EXTRA string=b)' },
  {
    name: 'comparisons',
    source: '{{ eq 1 1 }} {{ eq "a" "b" "a" }} {{ ne 1 2 }} {{ lt 1 2 }} {{ le 2 2 }} {{ gt "b" "a" }} {{ ge 1 2 }} {{ eq .n nil }}',
    data: { n: null },
    want: 'true true true true true true false true',
  },
  { name: 'html', source: '{{ html .s }}', data: { s: `<a href="x">'&` }, want: '&lt;a href=&#34;x&#34;&gt;&#39;&amp;' },
  { name: 'js', source: '{{ js .s }}', data: { s: `it's <b>` }, want: "it\\'s \\u003Cb\\u003E" },
  { name: 'urlquery', source: '{{ urlquery .s }}', data: { s: 'a b&c=(d)' }, want: 'a+b%26c%3D%28d%29' },
  { name: 'default on an empty value', source: '{{ .x | default "y" }}', data: { x: '' }, want: 'y' },
  { name: 'default keeps a set value', source: '{{ .x | default "y" }}', data: { x: 'v' }, want: 'v' },
  { name: 'default called directly', source: '{{ default "y" .x }}', data: { x: '' }, want: 'y' },
  { name: 'required passes a set value', source: '{{ .x | required "x is required" }}', data: { x: 'v' }, want: 'v' },
  { name: 'a function from the caller', source: '{{ env "HOME" }}', funcs: { env: (name) => (name === 'HOME' ? '/home/ci' : '') }, want: '/home/ci' },
  { name: 'a caller function overrides a built-in', source: '{{ len "abc" }}', funcs: { len: () => 'mine' }, want: 'mine' },
];

// Modelled on the shapes of sew's published registry: templated refs and names, vars with
// descriptions, notes with if/end and -}} and hasFlag.
const CONTEXT = `vars:
  imageRepository:
    default: "ghcr.io/acme/cache"
    description: "Cache image repository"
  imageTag: "7.2"
  clusterName: acme-cache
  helmVersion:
    default: ""
    description: "Chart version constraint"
kind:
  name: "{{ .clusterName }}"
images:
  preload:
    refs:
      - "{{ .imageRepository }}:{{ .imageTag }}"
      - "{{ .imageRepository }}-exporter:{{ .imageTag }}-debian"
      - busybox:1.36
components:
  - name: cache
    helm:
      version: "{{ .helmVersion | default "*" }}"
      values:
        home: "{{ env "HOME" }}/.cache"
`;

const VARS = { imageRepository: 'ghcr.io/acme/cache', imageTag: '7.2', clusterName: 'acme-cache', helmVersion: '' };

const NOTES = `Cluster "{{ .clusterName }}" is ready.

Service  http://localhost:30080
{{ if hasFlag "with-ui" -}}

The UI listens on http://localhost:30081.
{{ end -}}
{{- range $i, $p := .ports }}
  port {{ $i }}: {{ $p }}
{{- end }}
Done.
`;

const registryShapes: Case[] = [
  {
    name: 'a context with templated refs, name and version',
    source: CONTEXT,
    data: VARS,
    funcs: { env: (name) => (name === 'HOME' ? '/home/ci' : '') },
    want: CONTEXT.replace('"{{ .clusterName }}"', '"acme-cache"')
      .replace('"{{ .imageRepository }}:{{ .imageTag }}"', '"ghcr.io/acme/cache:7.2"')
      .replace('"{{ .imageRepository }}-exporter:{{ .imageTag }}-debian"', '"ghcr.io/acme/cache-exporter:7.2-debian"')
      .replace('"{{ .helmVersion | default "*" }}"', '"*"')
      .replace('"{{ env "HOME" }}/.cache"', '"/home/ci/.cache"'),
  },
  {
    name: 'notes with a flag on',
    source: NOTES,
    data: { clusterName: 'acme', ports: ['30080', '30081'] },
    funcs: { hasFlag: (name) => name === 'with-ui' },
    want: 'Cluster "acme" is ready.\n\nService  http://localhost:30080\nThe UI listens on http://localhost:30081.\n\n  port 0: 30080\n  port 1: 30081\nDone.\n',
  },
  {
    name: 'notes with a flag off',
    source: NOTES,
    data: { clusterName: 'acme', ports: [] },
    funcs: { hasFlag: () => false },
    want: 'Cluster "acme" is ready.\n\nService  http://localhost:30080\n\nDone.\n',
  },
];

describe('renderTemplate', () => {
  describe.each([
    ['text, literals and printing', text],
    ['variables', variables],
    ['pipelines', pipelines],
    ['control structures', control],
    ['functions', functions],
    ["sew's registry shapes", registryShapes],
  ] as const)('%s', (_group, cases) => {
    it.each(cases)('$name', ({ source, data, funcs, want }) => {
      expect(render(source, data, funcs ? { funcs } : {})).toBe(want);
    });
  });
});

interface ErrorCase {
  readonly name: string;
  readonly source: string;
  readonly data?: Record<string, unknown>;
  readonly options?: Partial<RenderOptions>;
  readonly line: number;
  readonly message: string;
}

const errors: ErrorCase[] = [
  { name: 'a missing key', source: 'a: 1\nb: {{ .nope }}\n', line: 2, message: 'at <.nope>: map has no entry for key "nope"' },
  // missingkey=error fails on the field before default sees it, as sew does.
  { name: 'a missing key piped to default', source: '{{ .nope | default "y" }}', line: 1, message: 'map has no entry for key "nope"' },
  { name: 'a missing nested key', source: '\n{{ .a.b }}', data: { a: {} }, line: 2, message: 'at <.a.b>: map has no entry for key "b"' },
  { name: 'a missing key of a variable', source: '{{ $m := .m }}{{ $m.x }}', data: { m: {} }, line: 1, message: 'at <$m.x>: map has no entry for key "x"' },
  { name: 'a field of a string', source: '{{ .a.b }}', data: { a: 's' }, line: 1, message: "can't evaluate field b in type string" },
  { name: 'a field of nil', source: '{{ .a.b }}', data: { a: null }, line: 1, message: 'at <.a.b>: nil data; no entry for key "b"' },
  { name: 'a field of a template called without data', source: '{{ define "t" }}\n{{ .x }}{{ end }}{{ template "t" }}', line: 2, message: 'nil data; no entry for key "x"' },
  { name: 'an unclosed action', source: 'x\n{{ .a', line: 2, message: 'unclosed action' },
  { name: 'an unclosed action before more text', source: 'x\n{{ .a\n\nmore text', line: 2, message: 'unclosed action' },
  { name: 'an unknown function', source: '\n\n{{ nope . }}', line: 3, message: 'function "nope" not defined' },
  { name: 'hasFlag when the caller gives none', source: '{{ if hasFlag "x" }}{{ end }}', line: 1, message: 'function "hasFlag" not defined' },
  { name: 'an empty pipeline stage', source: '{{ .a | }}', line: 1, message: 'empty command' },
  { name: 'an empty action', source: 'a\n{{ }}', line: 2, message: 'missing value for command' },
  { name: 'an unclosed if', source: 'a\n{{ if .x }}\nb\n', line: 2, message: '{{if}} has no matching {{end}}' },
  { name: 'an unclosed range', source: '{{ range .l }}', line: 1, message: '{{range}} has no matching {{end}}' },
  { name: 'an unclosed define', source: '{{ define "t" }}x', line: 1, message: '{{define}} has no matching {{end}}' },
  { name: 'a stray end', source: 'a\n\n{{ end }}', line: 3, message: 'unexpected {{end}}' },
  { name: 'a stray else', source: '{{ else }}', line: 1, message: 'unexpected {{else}}' },
  { name: 'two elses', source: '{{ if 1 }}{{ else }}{{ else }}{{ end }}', line: 1, message: 'expected {{end}}; found {{else}}' },
  { name: 'define inside if', source: '{{ if 1 }}{{ define "t" }}{{ end }}{{ end }}', line: 1, message: 'define is allowed only at top level' },
  { name: 'an undefined variable', source: '{{ $x }}', line: 1, message: 'undefined variable "$x"' },
  { name: 'a variable used out of its scope', source: '{{ if 1 }}{{ $x := 1 }}{{ end }}\n{{ $x }}', line: 2, message: 'undefined variable "$x"' },
  { name: 'assigning an undeclared variable', source: '{{ $x = 1 }}', line: 1, message: 'undefined variable "$x"' },
  { name: 'break outside range', source: '{{ break }}', line: 1, message: '{{break}} outside {{range}}' },
  { name: 'continue in a template called from range', source: '{{ define "t" }}{{ continue }}{{ end }}', line: 1, message: '{{continue}} outside {{range}}' },
  { name: 'too many declarations', source: '{{ if $a, $b := 1 }}{{ end }}', line: 1, message: 'too many declarations in if' },
  { name: 'a missing if condition', source: '{{ if }}{{ end }}', line: 1, message: 'missing value for if' },
  { name: 'required on an empty value', source: 'a\n{{ .x | required "x must be set" }}', data: { x: '' }, line: 2, message: 'error calling required: x must be set' },
  { name: 'default with one argument', source: '{{ default "y" }}', line: 1, message: 'wrong number of args for default: want 2 got 1' },
  { name: 'default of a number', source: '{{ 3 | default "y" }}', line: 1, message: 'wrong type for value; expected string; got int' },
  { name: 'an unterminated string', source: '{{ "abc }}', line: 1, message: 'unterminated quoted string' },
  { name: 'an unterminated raw string', source: '{{ `abc }}', line: 1, message: 'unterminated raw quoted string' },
  { name: 'an unclosed comment', source: 'a\n{{/* abc', line: 2, message: 'unclosed comment' },
  { name: 'text after a comment', source: '{{/* abc */ .x }}', line: 1, message: 'comment ends before closing delimiter' },
  { name: 'a bad character', source: '{{ .a-b }}', line: 1, message: 'bad character "-"' },
  { name: 'an unrecognised character', source: '{{ .a ; }}', line: 1, message: 'unrecognized character in action: ";"' },
  { name: 'an unclosed paren', source: '{{ (.a }}', line: 1, message: 'unclosed left paren' },
  { name: 'a stray paren', source: '{{ .a) }}', line: 1, message: 'unexpected right paren' },
  { name: 'a bad number', source: '{{ 12ab }}', line: 1, message: 'bad number syntax: "12ab"' },
  { name: 'a bad escape', source: '{{ "\\q" }}', line: 1, message: 'invalid escape \\q in string' },
  { name: 'a template defined twice', source: '{{ define "t" }}a{{ end }}\n{{ define "t" }}b{{ end }}', line: 2, message: 'multiple definition of template "t"' },
  { name: 'a template that does not exist', source: '{{ template "x" }}', line: 1, message: 'no such template "x"' },
  { name: 'a template name that is not a string', source: '{{ template .x }}', line: 1, message: 'unexpected "x" in template clause' },
  { name: 'range over a string', source: '{{ range .s }}{{ end }}', data: { s: 'abc' }, line: 1, message: "range can't iterate over abc" },
  { name: 'two variables over an int', source: '{{ range $i, $v := 3 }}{{ end }}', line: 1, message: "can't use $i, $v to iterate over int" },
  { name: 'comparing a number with a string', source: '{{ eq 1 "1" }}', line: 1, message: 'error calling eq: incompatible types for comparison' },
  { name: 'ordering booleans', source: '{{ lt true false }}', line: 1, message: 'error calling lt: invalid type for comparison' },
  { name: 'index out of range', source: '{{ index .l 5 }}', data: { l: [] }, line: 1, message: 'error calling index: index out of range: 5' },
  { name: 'len of a number', source: '{{ len 3 }}', line: 1, message: 'error calling len: len of type int' },
  { name: 'arguments to a field', source: '{{ .a "x" }}', data: { a: 'v' }, line: 1, message: 'a is not a method but has arguments' },
  { name: 'a value piped into a variable', source: '{{ $x := 1 }}{{ 2 | $x }}', line: 1, message: "can't give argument to non-function $x" },
  { name: 'a literal as a later stage', source: '{{ "x" | "y" }}', line: 1, message: 'non executable command in pipeline stage 2' },
  { name: 'nil as a command', source: '{{ nil }}', line: 1, message: 'nil is not a command' },
  { name: 'a field after a literal', source: '{{ "x".y }}', line: 1, message: 'unexpected . after term "y"' },
  { name: 'a prototype name as a function', source: '{{ constructor }}', line: 1, message: 'function "constructor" not defined' },
  { name: 'a prototype name as a key', source: '{{ .toString }}', line: 1, message: 'map has no entry for key "toString"' },
  { name: 'a failing caller function', source: '{{ boom }}', options: { funcs: { boom: () => { throw new Error('went wrong'); } } }, line: 1, message: 'error calling boom: went wrong' },
  { name: 'an error inside range names its own line', source: 'l1\nl2\n{{ range .l }}\n{{ .nope }}\n{{ end }}', data: { l: [{}] }, line: 4, message: 'at <.nope>: map has no entry for key "nope"' },
  { name: 'lines count through raw strings', source: '{{ `a\nb` }}\n{{ .nope }}', line: 3, message: 'map has no entry for key "nope"' },
  { name: 'lines count through comments', source: '{{/* a\nb\n*/}}\n{{ .nope }}', line: 4, message: 'map has no entry for key "nope"' },
];

const bounds: ErrorCase[] = [
  { name: 'too many steps', source: '{{ range 100000000 }}{{ end }}', line: 1, message: 'evaluation exceeded 1000000 steps' },
  { name: 'a lower step bound', source: '\n{{ range 100 }}{{ . }}{{ end }}', options: { maxSteps: 50 }, line: 2, message: 'evaluation exceeded 50 steps' },
  { name: 'too much output', source: '{{ range 100 }}0123456789{{ end }}', options: { maxOutput: 500 }, line: 1, message: 'output exceeds 500 characters' },
  { name: 'output past the default bound', source: '{{ range 5 }}{{ $.s }}{{ end }}', data: { s: 'x'.repeat(1_000_000) }, line: 1, message: 'output exceeds 4194304 characters' },
  {
    name: 'a value that doubles without being written',
    source: `{{ $x := "0123456789" }}{{ range 40 }}{{ $x = printf "%s%s" $x $x }}{{ end }}`,
    line: 1,
    message: 'result of printf exceeds 4194304 characters',
  },
  { name: 'runaway recursion', source: '{{ define "r" }}{{ template "r" . }}{{ end }}\n{{ template "r" . }}', line: 1, message: 'exceeded maximum template depth (100)' },
  { name: 'deep parentheses', source: `{{ ${'('.repeat(500)}1${')'.repeat(500)} }}`, line: 1, message: 'nesting deeper than 100 levels' },
  { name: 'deep ifs', source: '{{ if 1 }}'.repeat(200) + '{{ end }}'.repeat(200), line: 1, message: 'nesting deeper than 100 levels' },
];

describe('template errors', () => {
  it.each([...errors, ...bounds])('$name', ({ source, data, options, line, message }) => {
    const err = failure(source, data, options);
    expect(err.where).toBe(`${FILE}:${line}`);
    expect(err.message).toContain(message);
    expect(err.message.startsWith(`${FILE}:${line}: `)).toBe(true);
    expect(err.message).not.toContain('\n');
  });
});

describe('hasTemplateActions', () => {
  it.each([
    ['plain YAML', 'kind:\n  name: x\n', false],
    ['a single brace', 'a: "{x}"', false],
    ['an action', 'name: "{{ .clusterName }}"', true],
    ['a comment', '{{/* c */}}', true],
  ] as const)('%s', (_name, source, want) => {
    expect(hasTemplateActions(source)).toBe(want);
  });
});
