/* The xl.cfg grammar as libxlutil's bison parser defines it (token order and
 * rule order matter: they decide bison's tables and its "expecting" lists).
 * scripts/gen-xl-parser-tables.mjs turns this into server/src/xl/parserTables.ts. */
%define parse.error verbose
%token IDENT STRING NUMBER NEWLINE
%token OP_ADD "+="
%%
file:  stmts
 |     stmts assignment

stmts:  %empty
 |      stmts stmt

stmt:   assignment endstmt
 |      endstmt
 |      error NEWLINE

assignment: IDENT '=' value
 |          IDENT "+=" value

endstmt: NEWLINE
 |      ';'

value:  atom
 |      '[' nlok valuelist ']'

atom:   STRING
 |      NUMBER

valuelist: %empty
 |      values
 |      values ',' nlok

values: value nlok
 |      values ',' nlok value nlok

nlok:   %empty
 |      nlok NEWLINE
