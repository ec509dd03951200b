// The parse tree of a template: what the parser builds and the evaluator walks.
// Every node keeps the line it starts on, for errors.

export type Node = TextNode | ActionNode | IfNode | RangeNode | WithNode | TemplateCallNode | LoopControlNode;

export interface TextNode {
  readonly type: 'text';
  readonly line: number;
  readonly text: string;
}

/** `{{ pipeline }}`: prints the value unless the pipeline declares or assigns variables. */
export interface ActionNode {
  readonly type: 'action';
  readonly line: number;
  readonly pipe: Pipeline;
}

/** `if` and `with`; `else if` / `else with` are a nested node as the whole else list. */
export interface IfNode {
  readonly type: 'if';
  readonly line: number;
  readonly pipe: Pipeline;
  readonly list: Node[];
  readonly elseList: Node[];
}

export interface WithNode {
  readonly type: 'with';
  readonly line: number;
  readonly pipe: Pipeline;
  readonly list: Node[];
  readonly elseList: Node[];
}

export interface RangeNode {
  readonly type: 'range';
  readonly line: number;
  readonly pipe: Pipeline;
  readonly list: Node[];
  readonly elseList: Node[];
}

/** `{{template "name" pipeline}}`, and the call half of `{{block}}`. */
export interface TemplateCallNode {
  readonly type: 'template';
  readonly line: number;
  readonly name: string;
  readonly pipe: Pipeline | undefined;
}

export interface LoopControlNode {
  readonly type: 'break' | 'continue';
  readonly line: number;
}

export interface Pipeline {
  readonly line: number;
  /** Variables declared (`:=`) or assigned (`=`), names with their `$`. */
  readonly decl: readonly string[];
  readonly isAssign: boolean;
  readonly cmds: readonly Command[];
}

/** One stage of a pipeline: a function with arguments, or a single value. */
export interface Command {
  readonly line: number;
  readonly args: readonly Arg[];
}

export type Arg =
  | { readonly kind: 'dot'; readonly line: number }
  | { readonly kind: 'field'; readonly line: number; readonly names: readonly string[] }
  | { readonly kind: 'variable'; readonly line: number; readonly name: string; readonly names: readonly string[] }
  | { readonly kind: 'chain'; readonly line: number; readonly pipe: Pipeline; readonly names: readonly string[] }
  | { readonly kind: 'pipeline'; readonly line: number; readonly pipe: Pipeline }
  | { readonly kind: 'identifier'; readonly line: number; readonly name: string }
  | { readonly kind: 'literal'; readonly line: number; readonly value: string | number | boolean | null; readonly text: string };

export interface ParsedTemplate {
  readonly root: Node[];
  readonly defines: ReadonlyMap<string, Node[]>;
}
