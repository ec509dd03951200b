// What the lexer, parser and evaluator throw: a reason and the template line it belongs to.
// renderTemplate turns it into an InputError naming the file.
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}
