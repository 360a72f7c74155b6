package platform

// A small GraphQL executor for the schema of one service, standard library only: it parses a
// query document (operations, fields, aliases, arguments as literals or variables, nested
// selection sets, __typename, @skip/@include), checks it against the schema, calls one
// resolver per root field and shapes the answer as the selection asks. Answers follow the
// GraphQL response format: {"data": ..., "errors": [{"message", "locations", "path",
// "extensions": {"code"}}]}. Fragments and introspection are not served.
//
// Subscriptions are served over SSE (GraphQL over SSE, distinct connections mode): posted with
// `Accept: text/event-stream`, the answer is a stream of `event: next` (one execution result
// each, shaped like a query's) ended by `event: complete`. A subscription's resolver answers a
// *GQLStream (see StreamOf).

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// GQLField is a field of an object or input type.
type GQLField struct {
	Key     string // the model's JSON key
	Type    string // the named type
	List    bool
	NonNull bool
}

// GQLType is an object or input type, its fields by GraphQL name.
type GQLType struct {
	Input  bool
	Fields map[string]GQLField
}

// GQLResolver answers one root field; input is the `input` argument as the model's JSON.
type GQLResolver func(ctx Ctx, r *http.Request, input json.RawMessage) (interface{}, error)

// GQLStream is what a subscription's resolver answers: the values to send, and how to stop
// them.
type GQLStream struct {
	Values <-chan interface{}
	Stop   func()
}

// StreamOf is a service's stream (its values and the function that stops them) as a GQLStream.
func StreamOf[T any](values <-chan T, stop func()) *GQLStream {
	out := make(chan interface{})
	done := make(chan struct{})
	var once sync.Once
	go func() {
		defer close(out)
		for {
			select {
			case <-done:
				return
			case v, ok := <-values:
				if !ok {
					return
				}
				select {
				case out <- v:
				case <-done:
					return
				}
			}
		}
	}()
	return &GQLStream{Values: out, Stop: func() {
		once.Do(func() {
			close(done)
			stop()
		})
	}}
}

// subscribing carries a subscription through execute: first to start its stream, then once
// per event with the value to answer in place of a resolver.
type subscribing struct {
	stream   *GQLStream
	event    interface{}
	hasEvent bool
}

// GQLRoot is a field of Query, Mutation or Subscription.
type GQLRoot struct {
	Input        string // the type of the `input` argument; "" when there is none
	InputNonNull bool
	Type         string
	List         bool
	Resolve      GQLResolver
}

// GQLSchema is what the executor serves.
type GQLSchema struct {
	Types        map[string]GQLType
	Query        map[string]GQLRoot
	Mutation     map[string]GQLRoot
	Subscription map[string]GQLRoot
}

// ---------------------------------------------------------------------------- lexer

type token struct {
	kind string // "name", "int", "float", "string", "punct", "eof"
	text string
	line int
	col  int
}

type gqlError struct {
	Message    string            `json:"message"`
	Locations  []map[string]int  `json:"locations,omitempty"`
	Path       []interface{}     `json:"path,omitempty"`
	Extensions map[string]string `json:"extensions"`
}

func newError(code, message string, t token) *gqlError {
	e := &gqlError{Message: message, Extensions: map[string]string{"code": code}}
	if t.line > 0 {
		e.Locations = []map[string]int{{"line": t.line, "column": t.col}}
	}
	return e
}

func lex(src string) ([]token, *gqlError) {
	var out []token
	line, col := 1, 1
	for i := 0; i < len(src); {
		c := src[i]
		start := token{line: line, col: col}
		advance := func(n int) {
			for k := 0; k < n && i < len(src); k++ {
				if src[i] == '\n' {
					line, col = line+1, 1
				} else {
					col++
				}
				i++
			}
		}
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			advance(1)
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				advance(1)
			}
		case strings.HasPrefix(src[i:], "..."):
			start.kind, start.text = "punct", "..."
			out = append(out, start)
			advance(3)
		case strings.ContainsRune("{}()[]:$!=@", rune(c)):
			start.kind, start.text = "punct", string(c)
			out = append(out, start)
			advance(1)
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(src) && (src[j] == '_' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			start.kind, start.text = "name", src[i:j]
			out = append(out, start)
			advance(j - i)
		case c == '-' || c >= '0' && c <= '9':
			j := i + 1
			float := false
			for j < len(src) && (src[j] >= '0' && src[j] <= '9' || strings.ContainsRune(".eE+-", rune(src[j]))) {
				if strings.ContainsRune(".eE", rune(src[j])) {
					float = true
				}
				j++
			}
			start.kind, start.text = "int", src[i:j]
			if float {
				start.kind = "float"
			}
			out = append(out, start)
			advance(j - i)
		case c == '"':
			if strings.HasPrefix(src[i:], `"""`) {
				end := strings.Index(src[i+3:], `"""`)
				if end < 0 {
					return nil, newError("GRAPHQL_PARSE_FAILED", "unterminated block string", start)
				}
				start.kind, start.text = "string", src[i+3:i+3+end]
				out = append(out, start)
				advance(end + 6)
				continue
			}
			j := i + 1
			for j < len(src) && src[j] != '"' && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) || src[j] != '"' {
				return nil, newError("GRAPHQL_PARSE_FAILED", "unterminated string", start)
			}
			text, err := strconv.Unquote(src[i : j+1])
			if err != nil {
				return nil, newError("GRAPHQL_PARSE_FAILED", "bad string: "+err.Error(), start)
			}
			start.kind, start.text = "string", text
			out = append(out, start)
			advance(j + 1 - i)
		default:
			return nil, newError("GRAPHQL_PARSE_FAILED", fmt.Sprintf("unexpected character %q", c), start)
		}
	}
	return append(out, token{kind: "eof", line: line, col: col}), nil
}

// ---------------------------------------------------------------------------- parser

// A value in a document: a literal, a variable ($name), a list or an object.
type value struct {
	variable string
	literal  interface{} // nil, bool, string, json.Number
	enum     bool
	list     []value
	object   map[string]value
	kind     string // "literal", "variable", "list", "object"
}

type selection struct {
	alias, name string
	args        map[string]value
	directives  map[string]map[string]value
	children    []selection
	hasChildren bool
	at          token
}

type operation struct {
	kind       string // "query" or "mutation" or "subscription"
	name       string
	variables  map[string]varDef
	selections []selection
	at         token
}

type varDef struct {
	typ     string // named type
	nonNull bool
	list    bool
	def     *value
}

type parser struct {
	toks []token
	pos  int
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != "eof" {
		p.pos++
	}
	return t
}

func (p *parser) is(text string) bool {
	t := p.peek()
	return (t.kind == "punct" || t.kind == "name") && t.text == text
}

func (p *parser) expect(text string) *gqlError {
	t := p.next()
	if (t.kind != "punct" && t.kind != "name") || t.text != text {
		return newError("GRAPHQL_PARSE_FAILED", fmt.Sprintf("expected %q, found %q", text, t.text), t)
	}
	return nil
}

func (p *parser) name() (string, *gqlError) {
	t := p.next()
	if t.kind != "name" {
		return "", newError("GRAPHQL_PARSE_FAILED", fmt.Sprintf("expected a name, found %q", t.text), t)
	}
	return t.text, nil
}

func parseDocument(src string) ([]operation, *gqlError) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	var ops []operation
	for p.peek().kind != "eof" {
		at := p.peek()
		op := operation{kind: "query", variables: map[string]varDef{}, at: at}
		if p.is("fragment") {
			return nil, newError("GRAPHQL_PARSE_FAILED", "fragments are not supported by this service", at)
		}
		if !p.is("{") {
			kind, err := p.name()
			if err != nil {
				return nil, err
			}
			if kind != "query" && kind != "mutation" && kind != "subscription" {
				return nil, newError("GRAPHQL_PARSE_FAILED", fmt.Sprintf("unknown operation type %q", kind), at)
			}
			op.kind = kind
			if p.peek().kind == "name" {
				op.name = p.next().text
			}
			if p.is("(") {
				p.next()
				for !p.is(")") {
					if err := p.expect("$"); err != nil {
						return nil, err
					}
					name, err := p.name()
					if err != nil {
						return nil, err
					}
					if err := p.expect(":"); err != nil {
						return nil, err
					}
					def, err := p.varType()
					if err != nil {
						return nil, err
					}
					if p.is("=") {
						p.next()
						v, err := p.value()
						if err != nil {
							return nil, err
						}
						def.def = &v
					}
					op.variables[name] = def
				}
				p.next()
			}
		}
		sels, err := p.selectionSet()
		if err != nil {
			return nil, err
		}
		op.selections = sels
		ops = append(ops, op)
	}
	if len(ops) == 0 {
		return nil, newError("GRAPHQL_PARSE_FAILED", "the document has no operation", p.peek())
	}
	return ops, nil
}

func (p *parser) varType() (varDef, *gqlError) {
	var d varDef
	if p.is("[") {
		p.next()
		inner, err := p.varType()
		if err != nil {
			return d, err
		}
		if err := p.expect("]"); err != nil {
			return d, err
		}
		d = varDef{typ: inner.typ, list: true}
	} else {
		name, err := p.name()
		if err != nil {
			return d, err
		}
		d.typ = name
	}
	if p.is("!") {
		p.next()
		d.nonNull = true
	}
	return d, nil
}

func (p *parser) selectionSet() ([]selection, *gqlError) {
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	var out []selection
	for !p.is("}") {
		if p.peek().kind == "eof" {
			return nil, newError("GRAPHQL_PARSE_FAILED", "unexpected end of the document", p.peek())
		}
		if p.is("...") {
			return nil, newError("GRAPHQL_PARSE_FAILED", "fragments are not supported by this service", p.peek())
		}
		at := p.peek()
		name, err := p.name()
		if err != nil {
			return nil, err
		}
		s := selection{alias: name, name: name, args: map[string]value{}, directives: map[string]map[string]value{}, at: at}
		if p.is(":") {
			p.next()
			if s.name, err = p.name(); err != nil {
				return nil, err
			}
		}
		if p.is("(") {
			if s.args, err = p.arguments(); err != nil {
				return nil, err
			}
		}
		for p.is("@") {
			p.next()
			d, err := p.name()
			if err != nil {
				return nil, err
			}
			args := map[string]value{}
			if p.is("(") {
				if args, err = p.arguments(); err != nil {
					return nil, err
				}
			}
			s.directives[d] = args
		}
		if p.is("{") {
			if s.children, err = p.selectionSet(); err != nil {
				return nil, err
			}
			s.hasChildren = true
		}
		out = append(out, s)
	}
	p.next()
	return out, nil
}

func (p *parser) arguments() (map[string]value, *gqlError) {
	p.next() // (
	out := map[string]value{}
	for !p.is(")") {
		name, err := p.name()
		if err != nil {
			return nil, err
		}
		if err := p.expect(":"); err != nil {
			return nil, err
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out[name] = v
	}
	p.next()
	return out, nil
}

func (p *parser) value() (value, *gqlError) {
	t := p.next()
	switch {
	case t.kind == "punct" && t.text == "$":
		name, err := p.name()
		return value{kind: "variable", variable: name}, err
	case t.kind == "punct" && t.text == "[":
		v := value{kind: "list"}
		for !p.is("]") {
			if p.peek().kind == "eof" {
				return v, newError("GRAPHQL_PARSE_FAILED", "unterminated list", t)
			}
			item, err := p.value()
			if err != nil {
				return v, err
			}
			v.list = append(v.list, item)
		}
		p.next()
		return v, nil
	case t.kind == "punct" && t.text == "{":
		v := value{kind: "object", object: map[string]value{}}
		for !p.is("}") {
			name, err := p.name()
			if err != nil {
				return v, err
			}
			if err := p.expect(":"); err != nil {
				return v, err
			}
			if v.object[name], err = p.value(); err != nil {
				return v, err
			}
		}
		p.next()
		return v, nil
	case t.kind == "int" || t.kind == "float":
		return value{kind: "literal", literal: json.Number(t.text)}, nil
	case t.kind == "string":
		return value{kind: "literal", literal: t.text}, nil
	case t.kind == "name" && (t.text == "true" || t.text == "false"):
		return value{kind: "literal", literal: t.text == "true"}, nil
	case t.kind == "name" && t.text == "null":
		return value{kind: "literal"}, nil
	case t.kind == "name":
		return value{kind: "literal", literal: t.text, enum: true}, nil
	}
	return value{}, newError("GRAPHQL_PARSE_FAILED", fmt.Sprintf("expected a value, found %q", t.text), t)
}

// ---------------------------------------------------------------------------- execution

// resolve turns a document value into plain JSON values, reading variables.
func resolve(v value, vars map[string]interface{}) interface{} {
	switch v.kind {
	case "variable":
		return vars[v.variable]
	case "list":
		out := make([]interface{}, 0, len(v.list))
		for _, item := range v.list {
			out = append(out, resolve(item, vars))
		}
		return out
	case "object":
		out := map[string]interface{}{}
		for k, item := range v.object {
			out[k] = resolve(item, vars)
		}
		return out
	}
	return v.literal
}

// coerce checks a value against an input type and renames its fields to the model's keys.
func (s *GQLSchema) coerce(v interface{}, typ string, list, nonNull bool, where string) (interface{}, error) {
	if v == nil {
		if nonNull {
			return nil, fmt.Errorf("%s: a value is required", where)
		}
		return nil, nil
	}
	if list {
		items, ok := v.([]interface{})
		if !ok {
			items = []interface{}{v}
		}
		out := make([]interface{}, 0, len(items))
		for i, item := range items {
			c, err := s.coerce(item, typ, false, true, fmt.Sprintf("%s[%d]", where, i))
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, nil
	}
	if t, ok := s.Types[typ]; ok {
		object, ok := v.(map[string]interface{})
		if !ok {
			return nil, fmt.Errorf("%s: %s must be an object", where, typ)
		}
		for name := range object {
			if _, known := t.Fields[name]; !known {
				return nil, fmt.Errorf("%s: %s has no field %q", where, typ, name)
			}
		}
		out := map[string]interface{}{}
		for name, f := range t.Fields {
			c, err := s.coerce(object[name], f.Type, f.List, f.NonNull, where+"."+name)
			if err != nil {
				return nil, err
			}
			if _, given := object[name]; given {
				out[f.Key] = c
			}
		}
		return out, nil
	}
	ok := true
	switch typ {
	case "Int", "Float":
		switch n := v.(type) {
		case json.Number:
			_, err := n.Float64()
			ok = err == nil && (typ == "Float" || !strings.ContainsAny(string(n), ".eE"))
		case float64:
			ok = typ == "Float" || n == float64(int64(n))
		default:
			ok = false
		}
	case "Boolean":
		_, ok = v.(bool)
	case "String", "ID":
		_, ok = v.(string)
		if typ == "ID" {
			if _, number := v.(json.Number); number {
				ok = true
			}
		}
	}
	if !ok {
		return nil, fmt.Errorf("%s: not a valid %s", where, typ)
	}
	return v, nil
}

// ordered is a JSON object that keeps the order of the selection.
type ordered struct {
	keys   []string
	values map[string]interface{}
}

func (o *ordered) set(k string, v interface{}) {
	if _, seen := o.values[k]; !seen {
		o.keys = append(o.keys, k)
	}
	o.values[k] = v
}

func (o *ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(k)
		val, err := json.Marshal(o.values[k])
		if err != nil {
			return nil, err
		}
		b.Write(key)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

type execution struct {
	schema *GQLSchema
	vars   map[string]interface{}
	errors []*gqlError
}

func included(s selection, vars map[string]interface{}) bool {
	if d, ok := s.directives["skip"]; ok && resolve(d["if"], vars) == true {
		return false
	}
	if d, ok := s.directives["include"]; ok && resolve(d["if"], vars) != true {
		return false
	}
	return true
}

func withPath(path []interface{}, next interface{}) []interface{} {
	out := append([]interface{}{}, path...)
	return append(out, next)
}

// validate checks a selection set against type typ (an object type, or a leaf when
// sels is empty).
func (e *execution) validate(typ string, s selection, path []interface{}) {
	t, object := e.schema.Types[typ]
	switch {
	case object && !s.hasChildren:
		e.errors = append(e.errors, newError("GRAPHQL_VALIDATION_FAILED", fmt.Sprintf("field %q of type %s needs a selection set", s.name, typ), s.at))
	case !object && s.hasChildren:
		e.errors = append(e.errors, newError("GRAPHQL_VALIDATION_FAILED", fmt.Sprintf("field %q is a %s and takes no selection set", s.name, typ), s.at))
	case object:
		for _, c := range s.children {
			if c.name == "__typename" {
				continue
			}
			f, ok := t.Fields[c.name]
			if !ok {
				e.errors = append(e.errors, newError("GRAPHQL_VALIDATION_FAILED", fmt.Sprintf("type %s has no field %q", typ, c.name), c.at))
				continue
			}
			if len(c.args) > 0 {
				e.errors = append(e.errors, newError("GRAPHQL_VALIDATION_FAILED", fmt.Sprintf("field %q takes no arguments", c.name), c.at))
			}
			e.validate(f.Type, c, withPath(path, c.alias))
		}
	}
}

// complete shapes a resolved JSON value as the selection asks; ok is false when a null
// must bubble up to the parent.
func (e *execution) complete(v interface{}, typ string, list, nonNull bool, s selection, path []interface{}) (interface{}, bool) {
	if v == nil && list && nonNull {
		v = []interface{}{} // Go writes an empty (nil) slice as null
	}
	if v == nil {
		if nonNull {
			e.errors = append(e.errors, &gqlError{Message: "a non-null field resolved to null", Path: path, Extensions: map[string]string{"code": "INTERNAL_SERVER_ERROR"}})
			return nil, false
		}
		return nil, true
	}
	if list {
		items, _ := v.([]interface{})
		out := make([]interface{}, 0, len(items))
		for i, item := range items {
			c, ok := e.complete(item, typ, false, true, s, withPath(path, i))
			if !ok {
				return e.nullable(nonNull)
			}
			out = append(out, c)
		}
		return out, true
	}
	t, object := e.schema.Types[typ]
	if !object {
		return v, true
	}
	source, _ := v.(map[string]interface{})
	out := &ordered{values: map[string]interface{}{}}
	for _, c := range s.children {
		if !included(c, e.vars) {
			continue
		}
		if c.name == "__typename" {
			out.set(c.alias, typ)
			continue
		}
		f := t.Fields[c.name]
		val, ok := e.complete(source[f.Key], f.Type, f.List, f.NonNull, c, withPath(path, c.alias))
		if !ok {
			return e.nullable(nonNull)
		}
		out.set(c.alias, val)
	}
	return out, true
}

func (e *execution) nullable(nonNull bool) (interface{}, bool) { return nil, !nonNull }

func appErrorCode(err error) string {
	var app *AppError
	if !errors.As(err, &app) {
		return "INTERNAL_SERVER_ERROR"
	}
	switch app.Code {
	case "unauthorized":
		return "UNAUTHENTICATED"
	case "bad_request":
		return "BAD_USER_INPUT"
	case "internal":
		return "INTERNAL_SERVER_ERROR"
	}
	return strings.ToUpper(app.Code)
}

// Execute runs one request: the document, its variables, the operation to run ("" for the
// only one). The answer is the GraphQL response.
func (s *GQLSchema) Execute(ctx Ctx, r *http.Request, query string, variables map[string]interface{}, operationName string) map[string]interface{} {
	return s.execute(ctx, r, query, variables, operationName, nil)
}

// pick is the operation to run: the one named, or the only one.
func pick(ops []operation, operationName string) *operation {
	var op *operation
	for i := range ops {
		if operationName == "" && len(ops) == 1 || ops[i].name == operationName {
			op = &ops[i]
		}
	}
	return op
}

// sseRefusal is the answer to a subscription posted without `Accept: text/event-stream`.
const sseRefusal = "subscriptions are served over SSE: POST them to /graphql with `Accept: text/event-stream`"

// execute runs one request; sub is set for a subscription served over SSE.
func (s *GQLSchema) execute(ctx Ctx, r *http.Request, query string, variables map[string]interface{}, operationName string, sub *subscribing) map[string]interface{} {
	fail := func(errs ...*gqlError) map[string]interface{} { return map[string]interface{}{"errors": errs} }
	ops, perr := parseDocument(query)
	if perr != nil {
		return fail(perr)
	}
	op := pick(ops, operationName)
	if op == nil {
		return fail(newError("GRAPHQL_VALIDATION_FAILED", "name the operation to run (operationName)", token{}))
	}
	roots, rootName := s.Query, "Query"
	switch op.kind {
	case "mutation":
		roots, rootName = s.Mutation, "Mutation"
	case "subscription":
		if sub == nil {
			return fail(newError("BAD_REQUEST", sseRefusal, op.at))
		}
		roots, rootName = s.Subscription, "Subscription"
		if len(op.selections) != 1 || op.selections[0].name == "__typename" {
			return fail(newError("GRAPHQL_VALIDATION_FAILED", "a subscription selects exactly one field", op.at))
		}
	}
	vars := map[string]interface{}{}
	for name, def := range op.variables {
		given, ok := variables[name]
		if !ok && def.def != nil {
			given = resolve(*def.def, nil)
		}
		if given == nil && def.nonNull {
			return fail(newError("BAD_USER_INPUT", fmt.Sprintf("variable $%s is required", name), op.at))
		}
		vars[name] = given
	}
	e := &execution{schema: s, vars: vars}
	for _, sel := range op.selections {
		if sel.name == "__typename" {
			continue
		}
		root, ok := roots[sel.name]
		if !ok {
			e.errors = append(e.errors, newError("GRAPHQL_VALIDATION_FAILED", fmt.Sprintf("type %s has no field %q", rootName, sel.name), sel.at))
			continue
		}
		for arg := range sel.args {
			if arg != "input" || root.Input == "" {
				e.errors = append(e.errors, newError("GRAPHQL_VALIDATION_FAILED", fmt.Sprintf("field %q has no argument %q", sel.name, arg), sel.at))
			}
		}
		if _, given := sel.args["input"]; !given && root.InputNonNull {
			e.errors = append(e.errors, newError("GRAPHQL_VALIDATION_FAILED", fmt.Sprintf("field %q needs its argument \"input\"", sel.name), sel.at))
		}
		e.validate(root.Type, sel, []interface{}{sel.alias})
	}
	if len(e.errors) > 0 {
		return fail(e.errors...)
	}
	data := &ordered{values: map[string]interface{}{}}
	for _, sel := range op.selections {
		if !included(sel, vars) {
			continue
		}
		if sel.name == "__typename" {
			data.set(sel.alias, rootName)
			continue
		}
		root := roots[sel.name]
		path := []interface{}{sel.alias}
		var input json.RawMessage
		if root.Input != "" {
			var given interface{}
			if v, ok := sel.args["input"]; ok {
				given = resolve(v, vars)
			}
			coerced, err := s.coerce(given, root.Input, false, root.InputNonNull, "input")
			if err == nil {
				input, err = json.Marshal(coerced)
			}
			if err != nil {
				e.errors = append(e.errors, &gqlError{Message: err.Error(), Path: path, Extensions: map[string]string{"code": "BAD_USER_INPUT"}})
				data.set(sel.alias, nil)
				continue
			}
		}
		var answer interface{}
		var err error
		if sub != nil && sub.hasEvent {
			answer = sub.event // the subscription's event is the field's value
		} else {
			answer, err = root.Resolve(ctx, r, input)
		}
		if err != nil {
			e.errors = append(e.errors, &gqlError{Message: err.Error(), Path: path, Locations: newError("", "", sel.at).Locations, Extensions: map[string]string{"code": appErrorCode(err)}})
			data.set(sel.alias, nil)
			continue
		}
		if sub != nil && !sub.hasEvent {
			stream, ok := answer.(*GQLStream)
			if !ok {
				return fail(&gqlError{Message: "the subscription's resolver answered no stream", Path: path, Extensions: map[string]string{"code": "INTERNAL_SERVER_ERROR"}})
			}
			sub.stream = stream
			return nil
		}
		// The model's JSON, read back as plain values to select from.
		var plain interface{}
		raw, err := json.Marshal(answer)
		if err == nil {
			decoder := json.NewDecoder(bytes.NewReader(raw))
			decoder.UseNumber()
			err = decoder.Decode(&plain)
		}
		if err != nil {
			e.errors = append(e.errors, &gqlError{Message: err.Error(), Path: path, Extensions: map[string]string{"code": "INTERNAL_SERVER_ERROR"}})
			data.set(sel.alias, nil)
			continue
		}
		value, ok := e.complete(plain, root.Type, root.List, root.List, sel, path)
		if !ok {
			value = nil
		}
		data.set(sel.alias, value)
	}
	out := map[string]interface{}{"data": data}
	if len(e.errors) > 0 {
		out["errors"] = e.errors
	}
	return out
}

// ServeHTTP answers POST /graphql: {"query", "variables", "operationName"} in, the GraphQL
// response out (status 200; 400 for a body that is not a GraphQL request).
func (s *GQLSchema) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := CtxFrom(r)
	Log("info", "request received", "request_id", ctx.RequestID, "operation", "graphql")
	var body struct {
		Query         string                 `json:"query"`
		Variables     map[string]interface{} `json:"variables"`
		OperationName string                 `json:"operationName"`
	}
	decoder := json.NewDecoder(r.Body)
	decoder.UseNumber()
	if err := decoder.Decode(&body); err != nil || body.Query == "" {
		WriteJSON(w, http.StatusBadRequest, map[string]interface{}{"errors": []*gqlError{{Message: "a JSON body with a \"query\" string is required", Extensions: map[string]string{"code": "BAD_REQUEST"}}}})
		return
	}
	if ops, perr := parseDocument(body.Query); perr == nil {
		if op := pick(ops, body.OperationName); op != nil && op.kind == "subscription" {
			if !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
				WriteJSON(w, http.StatusBadRequest, map[string]interface{}{"errors": []*gqlError{newError("BAD_REQUEST", sseRefusal, op.at)}})
				return
			}
			s.serveSSE(ctx, w, r, body.Query, body.Variables, body.OperationName)
			return
		}
	}
	WriteJSON(w, http.StatusOK, s.Execute(ctx, r, body.Query, body.Variables, body.OperationName))
}

// serveSSE answers a subscription: an `event: next` per value of its stream (or one with the
// errors that refused it), then `event: complete`. The client going away stops the stream.
func (s *GQLSchema) serveSSE(ctx Ctx, w http.ResponseWriter, r *http.Request, query string, variables map[string]interface{}, operationName string) {
	sub := &subscribing{}
	refused := s.execute(ctx, r, query, variables, operationName, sub)
	flusher, _ := w.(http.Flusher)
	flush := func() {
		if flusher != nil {
			flusher.Flush()
		}
	}
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flush()
	next := func(answer map[string]interface{}) {
		raw, err := json.Marshal(answer)
		if err != nil {
			raw, _ = json.Marshal(map[string]interface{}{"errors": []*gqlError{{Message: err.Error(), Extensions: map[string]string{"code": "INTERNAL_SERVER_ERROR"}}}})
		}
		fmt.Fprintf(w, "event: next\ndata: %s\n\n", raw)
		flush()
	}
	if sub.stream == nil {
		next(refused)
	} else {
		defer sub.stream.Stop()
	loop:
		for {
			select {
			case <-r.Context().Done():
				return
			case v, ok := <-sub.stream.Values:
				if !ok {
					break loop
				}
				next(s.execute(ctx, r, query, variables, operationName, &subscribing{stream: sub.stream, event: v, hasEvent: true}))
			}
		}
	}
	fmt.Fprint(w, "event: complete\ndata:\n\n")
	flush()
}
