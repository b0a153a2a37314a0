/*
 * The floor for `vccctl validate`: the least work any libyaml-based reader must do.
 *
 *     yaml_floor FILE
 *
 * Reads FILE into memory, then runs a bare libyaml event loop over it (yaml_parser_parse until
 * YAML_STREAM_END_EVENT, yaml_event_delete on each event) and prints the event count to stdout.
 * The in-process parse time (excluding process start and reading the file) goes to stderr, for
 * information only: Benchmarks/validate.sh times whole processes, the floor and vccctl alike.
 *
 * Exit status: 0 on success, 1 on a YAML parse error, 2 on a usage or I/O error.
 *
 * Build: cc -O2 -o Benchmarks/out/yaml_floor Benchmarks/floor/yaml_floor.c \
 *            $(pkg-config --cflags --libs yaml-0.1)
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <yaml.h>

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "yaml_floor: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t capacity = 1 << 20, length = 0;
    unsigned char *buffer = malloc(capacity);
    for (;;) {
        if (buffer == NULL) {
            fprintf(stderr, "yaml_floor: %s: out of memory\n", path);
            fclose(f);
            return NULL;
        }
        length += fread(buffer + length, 1, capacity - length, f);
        if (length < capacity) break;
        capacity *= 2;
        unsigned char *grown = realloc(buffer, capacity);
        if (grown == NULL) free(buffer);
        buffer = grown;
    }
    if (ferror(f)) {
        fprintf(stderr, "yaml_floor: %s: read error\n", path);
        free(buffer);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *size = length;
    return buffer;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: yaml_floor FILE\n");
        return 2;
    }
    size_t size = 0;
    unsigned char *input = read_file(argv[1], &size);
    if (input == NULL) return 2;

    double start = now_seconds();
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        fprintf(stderr, "yaml_floor: cannot initialize the libyaml parser\n");
        free(input);
        return 2;
    }
    yaml_parser_set_input_string(&parser, input, size);

    unsigned long long events = 0;
    int status = 0;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "yaml_floor: %s:%zu:%zu: %s%s%s\n", argv[1],
                    parser.problem_mark.line + 1, parser.problem_mark.column + 1,
                    parser.problem ? parser.problem : "parse error",
                    parser.context ? " " : "", parser.context ? parser.context : "");
            status = 1;
            break;
        }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    double elapsed = now_seconds() - start;
    free(input);

    if (status != 0) return status;
    printf("%llu\n", events);
    fprintf(stderr, "parse %.6f s (%zu bytes, %llu events)\n", elapsed, size, events);
    return 0;
}
