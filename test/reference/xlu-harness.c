/*
 * Reference harness: reads xl configs and device specs with the installed
 * libxlutil (the parser `xl` itself uses) and prints what it understood as
 * one JSON object per record, so the test suite can compare xenops with it.
 *
 * Input on stdin, a sequence of records:
 *   cfg <nkeys> <nbytes>\n <nkeys lines: key names> <nbytes of config text>
 *   disk <nbytes>\n <spec>
 *   rate <nbytes>\n <rate string>
 *   pci <nbytes>\n <PCI_SPEC_STRING>
 * Output: one JSON line per record.
 *
 * With --parse-files it is a benchmark peer instead: it reads file paths from
 * stdin, parses each config and every disk spec in it, and prints how long that took.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxl.h>
#include <libxlutil.h>

static void json_str(FILE *o, const char *s)
{
    if (!s) { fputs("null", o); return; }
    fputc('"', o);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(o, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f) fprintf(o, "\\u%04x", *p);
        else fputc(*p, o);
    }
    fputc('"', o);
}

static int defbool_json(libxl_defbool b)
{
    if (libxl_defbool_is_default(b)) return -1;
    return libxl_defbool_val(b) ? 1 : 0;
}

/* A report stream whose text we can take after each call. */
typedef struct { char *buf; size_t len; FILE *f; } report_t;

static void report_open(report_t *r) { r->buf = 0; r->len = 0; r->f = open_memstream(&r->buf, &r->len); }
static char *report_take(report_t *r) { fclose(r->f); return r->buf; }

static char *read_exact(size_t n)
{
    char *b = malloc(n + 1);
    if (!b || fread(b, 1, n, stdin) != n) { fprintf(stderr, "harness: short input\n"); exit(2); }
    b[n] = 0;
    return b;
}

static void value_json(FILE *o, const XLU_Config *cfg, XLU_ConfigValue *v)
{
    if (!v) { fputs("null", o); return; }
    if (xlu_cfg_value_type(v) == XLU_STRING) {
        char *s = 0;
        xlu_cfg_value_get_string(cfg, v, &s, 1);
        json_str(o, s);
        return;
    }
    XLU_ConfigList *l = 0;
    xlu_cfg_value_get_list(cfg, v, &l, 1);
    fputc('[', o);
    for (int i = 0; ; i++) {
        XLU_ConfigValue *item = xlu_cfg_get_listitem2(l, i);
        if (!item) break;
        if (i) fputc(',', o);
        value_json(o, cfg, item);
    }
    fputc(']', o);
}

static void do_cfg(int nkeys, size_t nbytes)
{
    char **keys = calloc(nkeys ? nkeys : 1, sizeof(char *));
    for (int i = 0; i < nkeys; i++) {
        char line[512];
        if (!fgets(line, sizeof line, stdin)) exit(2);
        line[strcspn(line, "\n")] = 0;
        keys[i] = strdup(line);
    }
    char *data = read_exact(nbytes);

    report_t rep;
    report_open(&rep);
    XLU_Config *cfg = xlu_cfg_init(rep.f, "t.cfg");
    int rc = xlu_cfg_readdata(cfg, data, (int)nbytes);
    fflush(rep.f);
    size_t parse_len = rep.len;

    printf("{\"rc\":%d,\"values\":{", rc);
    for (int i = 0; !rc && i < nkeys; i++) {
        if (i) putchar(',');
        json_str(stdout, keys[i]);
        putchar(':');
        XLU_ConfigList *list = 0;
        int n = 0;
        int e = xlu_cfg_get_list(cfg, keys[i], &list, &n, 1);
        if (e == ESRCH) { fputs("null", stdout); continue; }
        if (!e) {
            fputs("{\"list\":[", stdout);
            for (int j = 0; j < n; j++) {
                if (j) putchar(',');
                value_json(stdout, cfg, xlu_cfg_get_listitem2(list, j));
            }
            fputs("]}", stdout);
            continue;
        }
        const char *s = 0;
        xlu_cfg_get_string(cfg, keys[i], &s, 1);
        fputs("{\"string\":", stdout);
        json_str(stdout, s);
        /* How the key reads as a number (xl's xlu_cfg_get_long), with its warning. */
        size_t before = rep.len;
        long l = 0;
        int ne = xlu_cfg_get_long(cfg, keys[i], &l, 0);
        fflush(rep.f);
        if (!ne) printf(",\"long\":%ld", l);
        fputs(",\"numberWarning\":", stdout);
        char *warn = strndup(rep.buf + before, rep.len - before);
        json_str(stdout, ne ? warn : 0);
        free(warn);
        putchar('}');
    }
    fputs("},\"report\":", stdout);
    xlu_cfg_destroy(cfg);
    char *text = report_take(&rep);
    text[parse_len] = 0;
    json_str(stdout, text);
    fputs("}\n", stdout);
    free(text);
    free(data);
    for (int i = 0; i < nkeys; i++) free(keys[i]);
    free(keys);
}

static void do_disk(size_t nbytes)
{
    char *spec = read_exact(nbytes);
    report_t rep;
    report_open(&rep);
    XLU_Config *cfg = xlu_cfg_init(rep.f, "t.cfg");
    libxl_device_disk d;
    libxl_device_disk_init(&d);
    const char *specs[1] = { spec };
    int rc = xlu_disk_parse(cfg, 1, specs, &d);
    fflush(rep.f);
    printf("{\"rc\":%d", rc);
    if (!rc) {
        fputs(",\"target\":", stdout); json_str(stdout, d.pdev_path);
        fputs(",\"vdev\":", stdout); json_str(stdout, d.vdev);
        fputs(",\"format\":", stdout); json_str(stdout, libxl_disk_format_to_string(d.format));
        fputs(",\"backendtype\":", stdout); json_str(stdout, libxl_disk_backend_to_string(d.backend));
        fputs(",\"backend\":", stdout); json_str(stdout, d.backend_domname);
        fputs(",\"script\":", stdout); json_str(stdout, d.script);
        fputs(",\"specification\":", stdout); json_str(stdout, libxl_disk_specification_to_string(d.specification));
        printf(",\"readwrite\":%d,\"removable\":%d,\"cdrom\":%d,\"directIoSafe\":%d",
               d.readwrite, d.removable, d.is_cdrom, d.direct_io_safe ? 1 : 0);
        printf(",\"discard\":%d,\"colo\":%d,\"trusted\":%d,\"coloPort\":%d",
               defbool_json(d.discard_enable), defbool_json(d.colo_enable),
               defbool_json(d.trusted), d.colo_port);
        fputs(",\"coloHost\":", stdout); json_str(stdout, d.colo_host);
        fputs(",\"coloExport\":", stdout); json_str(stdout, d.colo_export);
        fputs(",\"activeDisk\":", stdout); json_str(stdout, d.active_disk);
        fputs(",\"hiddenDisk\":", stdout); json_str(stdout, d.hidden_disk);
    }
    xlu_cfg_destroy(cfg);
    char *text = report_take(&rep);
    fputs(",\"report\":", stdout); json_str(stdout, text);
    fputs("}\n", stdout);
    free(text);
    libxl_device_disk_dispose(&d);
    free(spec);
}

static void do_rate(size_t nbytes)
{
    char *rate = read_exact(nbytes);
    report_t rep;
    report_open(&rep);
    XLU_Config *cfg = xlu_cfg_init(rep.f, "t.cfg");
    libxl_device_nic nic;
    libxl_device_nic_init(&nic);
    errno = 0;
    int rc = xlu_vif_parse_rate(cfg, rate, &nic);
    fflush(rep.f);
    printf("{\"rc\":%d", rc);
    if (!rc)
        printf(",\"bytesPerInterval\":%llu,\"intervalUsecs\":%u",
               (unsigned long long)nic.rate_bytes_per_interval, nic.rate_interval_usecs);
    xlu_cfg_destroy(cfg);
    char *text = report_take(&rep);
    fputs(",\"report\":", stdout); json_str(stdout, text);
    fputs("}\n", stdout);
    free(text);
    libxl_device_nic_dispose(&nic);
    free(rate);
}

static void do_pci(size_t nbytes)
{
    char *str = read_exact(nbytes);
    report_t rep;
    report_open(&rep);
    XLU_Config *cfg = xlu_cfg_init(rep.f, "t.cfg");
    libxl_device_pci pci;
    libxl_device_pci_init(&pci);
    int rc = xlu_pci_parse_spec_string(cfg, &pci, str);
    fflush(rep.f);
    printf("{\"rc\":%d", rc);
    if (!rc) {
        printf(",\"domain\":%d,\"bus\":%u,\"dev\":%u,\"func\":%u,\"vdevfn\":%u,\"vfuncMask\":%u",
               pci.domain, pci.bus, pci.dev, pci.func, pci.vdevfn, pci.vfunc_mask);
        printf(",\"msitranslate\":%d,\"powerMgmt\":%d,\"permissive\":%d,\"seize\":%d",
               pci.msitranslate, pci.power_mgmt, pci.permissive, pci.seize);
        fputs(",\"rdmPolicy\":", stdout);
        json_str(stdout, libxl_rdm_reserve_policy_to_string(pci.rdm_policy));
        fputs(",\"name\":", stdout); json_str(stdout, pci.name);
    }
    xlu_cfg_destroy(cfg);
    char *text = report_take(&rep);
    fputs(",\"report\":", stdout); json_str(stdout, text);
    fputs("}\n", stdout);
    free(text);
    libxl_device_pci_dispose(&pci);
    free(str);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Read and parse every file named on stdin the way xl does: the config, then its disks. */
static int parse_files(void)
{
    char path[4096];
    long files = 0, failed = 0, disks = 0;
    FILE *devnull = fopen("/dev/null", "w");
    double t0 = now();
    while (fgets(path, sizeof path, stdin)) {
        path[strcspn(path, "\n")] = 0;
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        static char data[1 << 20];
        size_t n = fread(data, 1, sizeof data, f);
        fclose(f);
        XLU_Config *cfg = xlu_cfg_init(devnull, path);
        if (xlu_cfg_readdata(cfg, data, (int)n)) failed++;
        else {
            XLU_ConfigList *list;
            int count = 0;
            if (!xlu_cfg_get_list(cfg, "disk", &list, &count, 1)) {
                for (int i = 0; i < count; i++) {
                    const char *spec = xlu_cfg_get_listitem(list, i);
                    if (!spec) break;
                    libxl_device_disk d;
                    libxl_device_disk_init(&d);
                    xlu_disk_parse(cfg, 1, &spec, &d);
                    libxl_device_disk_dispose(&d);
                    disks++;
                }
            }
        }
        xlu_cfg_destroy(cfg);
        files++;
    }
    double parse_time = now() - t0;
    printf("{\"files\":%ld,\"failed\":%ld,\"disks\":%ld,\"seconds\":%.6f}\n", files, failed, disks, parse_time);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--parse-files")) return parse_files();
    char kind[16];
    while (scanf("%15s", kind) == 1) {
        size_t nbytes;
        if (!strcmp(kind, "cfg")) {
            int nkeys;
            if (scanf("%d %zu", &nkeys, &nbytes) != 2) return 2;
            getchar();
            do_cfg(nkeys, nbytes);
        } else {
            if (scanf("%zu", &nbytes) != 1) return 2;
            getchar();
            if (!strcmp(kind, "disk")) do_disk(nbytes);
            else if (!strcmp(kind, "rate")) do_rate(nbytes);
            else if (!strcmp(kind, "pci")) do_pci(nbytes);
            else { fprintf(stderr, "harness: unknown record %s\n", kind); return 2; }
        }
        fflush(stdout);
    }
    return 0;
}
