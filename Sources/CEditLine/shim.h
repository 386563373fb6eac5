#include <stdio.h>
#include <editline/readline.h>

// Accessors for libedit's readline globals: Swift 6 rejects touching
// mutable C globals directly, so LineEditor.swift goes through these.

static inline void lad_editline_configure(rl_completion_func_t *complete,
                                          int (*read_character)(FILE *)) {
  static char breaks[] = " \t\n;{}=";
  rl_readline_name = "lad";
  rl_catch_signals = 0;
  rl_basic_word_break_characters = breaks;
  rl_completer_word_break_characters = breaks;
  rl_attempted_completion_function = complete;
  rl_getc_function = read_character;
}

static inline const char *lad_editline_line_buffer(void) { return rl_line_buffer; }
static inline int lad_editline_point(void) { return rl_point; }

static inline void lad_editline_set_append_character(int c) {
  rl_completion_append_character = c;
}

static inline void lad_editline_set_completion_over(int over) {
  rl_attempted_completion_over = over;
}
