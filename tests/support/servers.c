/* tests/support/servers — see servers.h. */
#include "servers.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "draw_support.h"

static void sleep_ms(int ms)
{
    struct timespec t = { ms / 1000, (long)(ms % 1000) * 1000000L };
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {}
}

int lx_free_port(void)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    int port = -1;
    if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof a) == 0 && getsockname(s, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    if (s >= 0) close(s);
    return port;
}

static bool port_ready(int port, int timeout_ms)
{
    for (int t = 0; t < timeout_ms; t += 20) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                                 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
        bool ok = s >= 0 && connect(s, (struct sockaddr *)&a, sizeof a) == 0;
        if (s >= 0) close(s);
        if (ok) return true;
        sleep_ms(20);
    }
    return false;
}

/* ------------------------------------------------------------------ nginx */

static bool write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) return false;
    bool ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok;
}

static bool nginx_conf(const lx_nginx *n)
{
    char conf[8192], path[600];
    snprintf(conf, sizeof conf,
             "daemon off;\nworker_processes 1;\npid %s/nginx.pid;\nerror_log %s/error.log;\n"
             "events { worker_connections 512; }\n"
             "http {\n"
             "  log_format t '$server_protocol $connection $server_port|$request_method $request_uri|$status|$body_bytes_sent|$http_range|$http_authorization';\n"
             "  access_log %s/access.log t;\n"
             "  client_body_temp_path %s/tmp; proxy_temp_path %s/tmp; fastcgi_temp_path %s/tmp;\n"
             "  uwsgi_temp_path %s/tmp; scgi_temp_path %s/tmp;\n"
             "  default_type application/octet-stream;\n"
             "  server {\n    listen 127.0.0.1:%d;\n    root %s/www;\n"
             "    location /api/models/ { default_type application/json; try_files $uri.json =404; }\n"
             "    location /api/models/org/gated { return 401; }\n"
             "    location ~ ^/([^/]+)/cdn/resolve/[^/]+/(.*)$ { return 302 http://127.0.0.1:%d/$1/cdn/$2; }\n"
             "  }\n"
             "  server {\n    listen 127.0.0.1:%d;\n    root %s/www2;\n  }\n"
             "  server {\n    listen 127.0.0.1:%d ssl http2;\n    root %s/www;\n"
             "    ssl_certificate %s/cert.pem;\n    ssl_certificate_key %s/key.pem;\n"
             "    location /api/models/ { default_type application/json; try_files $uri.json =404; }\n  }\n"
             "  server {\n    listen 127.0.0.1:%d;\n    location / { proxy_pass http://127.0.0.1:%d; }\n  }\n"
             "}\n",
             n->dir, n->dir, n->dir, n->dir, n->dir, n->dir, n->dir, n->dir, n->port, n->dir, n->port2, n->port2,
             n->dir, n->port_tls, n->dir, n->dir, n->dir, n->port_proxy, n->port);
    snprintf(path, sizeof path, "%s/tmp", n->dir);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/nginx.conf", n->dir);
    return write_text(path, conf);
}

bool lx_nginx_start(lx_nginx *n, const char *root, char *why, size_t cap)
{
    memset(n, 0, sizeof *n);
    snprintf(n->dir, sizeof n->dir, "%s", root);
    if (access("/usr/sbin/nginx", X_OK) != 0) {
        snprintf(why, cap, "nginx is not installed (/usr/sbin/nginx missing): run scripts/install-deps.sh");
        return false;
    }
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
             "-keyout '%s/key.pem' -out '%s/cert.pem' -days 2 -subj /CN=127.0.0.1 >/dev/null 2>&1", root, root);
    if (system(cmd) != 0) {
        snprintf(why, cap, "openssl could not make a test certificate: run scripts/install-deps.sh");
        return false;
    }
    for (int attempt = 0; attempt < 5; attempt++) {
        n->port = lx_free_port();
        n->port2 = lx_free_port();
        n->port_tls = lx_free_port();
        n->port_proxy = lx_free_port();
        int p[4] = { n->port, n->port2, n->port_tls, n->port_proxy };
        bool distinct = true;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < i; j++) distinct = distinct && p[i] > 0 && p[i] != p[j];
        if (!distinct || !nginx_conf(n)) continue;
        char conf[600], err[600], prefix[600];
        snprintf(conf, sizeof conf, "%s/nginx.conf", n->dir);
        snprintf(err, sizeof err, "%s/error.log", n->dir);
        snprintf(prefix, sizeof prefix, "%s/", n->dir);
        pid_t pid = fork();
        if (pid == 0) {
            int nul = open("/dev/null", O_WRONLY);
            if (nul >= 0) dup2(nul, 2);
            execl("/usr/sbin/nginx", "nginx", "-p", prefix, "-e", err, "-c", conf, (char *)NULL);
            _exit(127);
        }
        n->pid = (int)pid;
        if (pid > 0 && port_ready(n->port, 5000) && port_ready(n->port2, 2000) && port_ready(n->port_tls, 2000) &&
            port_ready(n->port_proxy, 2000))
            return true;
        lx_nginx_stop(n);
        n->dir[0] = '\0';
        snprintf(n->dir, sizeof n->dir, "%s", root);
    }
    snprintf(why, cap, "nginx did not start on 127.0.0.1 (see %s/error.log)", root);
    return false;
}

void lx_nginx_stop(lx_nginx *n)
{
    if (n->pid > 0) {
        kill(n->pid, SIGTERM);
        waitpid(n->pid, NULL, 0);
    }
    n->pid = 0;
}

bool lx_nginx_log(const lx_nginx *n, lx_buf *b)
{
    char path[600];
    snprintf(path, sizeof path, "%s/access.log", n->dir);
    sleep_ms(50); /* nginx writes the line after the response */
    b->len = 0;
    return lx_test_read_file(path, b);
}

/* ------------------------------------------------------------------ the misbehaving server */

typedef struct bad_cfg {
    const char *root;
    lx_bad_mode mode;
    int status, delay_ms, port;
    int *served; /* shared between connection threads */
} bad_cfg;

static bool send_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
        if (w <= 0) return false;
        c += w;
        n -= (size_t)w;
    }
    return true;
}

static bool sendf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool sendf(int fd, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return n > 0 && send_all(fd, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Reads one request head; false at end of connection. */
static bool read_head(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    while (n + 1 < cap) {
        ssize_t r = recv(fd, buf + n, cap - 1 - n, 0);
        if (r <= 0) return false;
        n += (size_t)r;
        buf[n] = '\0';
        if (strstr(buf, "\r\n\r\n")) return true;
    }
    return false;
}

static bool send_file_bytes(int fd, int file, uint64_t from, uint64_t n)
{
    char chunk[65536];
    while (n) {
        size_t k = n < sizeof chunk ? (size_t)n : sizeof chunk;
        ssize_t r = pread(file, chunk, k, (off_t)from);
        if (r <= 0 || !send_all(fd, chunk, (size_t)r)) return false;
        from += (uint64_t)r;
        n -= (uint64_t)r;
    }
    return true;
}

static bool serve_status(int fd, int status)
{
    return sendf(fd, "HTTP/1.1 %d Nope\r\nContent-Length: 5\r\nRetry-After: 0\r\n\r\nnope\n", status);
}

/* Files under the root, with the configured fault. */
static bool serve_file(const bad_cfg *c, int fd, const char *path, const char *range)
{
    char full[1200];
    snprintf(full, sizeof full, "%s%s%s", c->root, path, strncmp(path, "/api/models/", 12) ? "" : ".json");
    int file = strstr(path, "..") ? -1 : open(full, O_RDONLY);
    struct stat st;
    if (file < 0 || fstat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (file >= 0) close(file);
        return serve_status(fd, 404);
    }
    uint64_t size = (uint64_t)st.st_size, a = 0, b = size - 1;
    bool ranged = range && c->mode != LX_BAD_IGNORE_RANGE &&
                  sscanf(range, "bytes=%" SCNu64 "-%" SCNu64, &a, &b) == 2 && a <= b && a < size;
    if (b >= size) b = size - 1;
    bool ok;
    if (!ranged) {
        ok = sendf(fd, "HTTP/1.1 200 OK\r\nContent-Length: %" PRIu64 "\r\nETag: \"e1\"\r\n\r\n", size) &&
             send_file_bytes(fd, file, 0, size);
    } else {
        uint64_t off = c->mode == LX_BAD_WRONG_RANGE ? 1 : 0, n = b - a + 1;
        ok = sendf(fd, "HTTP/1.1 206 Partial Content\r\nContent-Length: %" PRIu64 "\r\nContent-Range: bytes %"
                   PRIu64 "-%" PRIu64 "/%" PRIu64 "\r\nETag: \"e1\"\r\n\r\n", n, a + off, b + off, size) &&
             send_file_bytes(fd, file, a, c->mode == LX_BAD_TRUNCATE ? n / 2 : n);
        if (c->mode == LX_BAD_TRUNCATE) ok = false; /* close the connection */
    }
    close(file);
    return ok;
}

static bool serve_one(const bad_cfg *c, int fd, const char *head)
{
    char path[1024] = "/";
    sscanf(head, "GET %1000s", path);
    char lower[16384];
    size_t i = 0;
    for (; head[i] && i + 1 < sizeof lower; i++) lower[i] = (char)tolower((unsigned char)head[i]);
    lower[i] = '\0';
    const char *r = strstr(lower, "\r\nrange:");
    char range[128] = "";
    if (r) sscanf(head + (r - lower) + 8, " %120s", range);
    int n = __atomic_fetch_add(c->served, 1, __ATOMIC_SEQ_CST);
    if (c->delay_ms) sleep_ms(c->delay_ms);
    switch (c->mode) {
    case LX_BAD_STATUS: return serve_status(fd, c->status);
    case LX_BAD_FLAKY:
        if (n < c->status) return serve_status(fd, 503);
        break;
    case LX_BAD_LOOP:
        return sendf(fd, "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:%d/loop-%c\r\nContent-Length: 0\r\n\r\n",
                     c->port, strstr(path, "loop-a") ? 'b' : 'a');
    case LX_BAD_CHAIN:
        return sendf(fd, "HTTP/1.1 302 Found\r\nLocation: /hop-%d\r\nContent-Length: 0\r\n\r\n", n + 1);
    case LX_BAD_ENDLESS:
        sendf(fd, "HTTP/1.1 200 OK\r\n");
        while (sendf(fd, "X-Pad: %0100d\r\n", 0)) {}
        return false;
    case LX_BAD_SILENT:
        for (;;) sleep_ms(1000);
    default: break;
    }
    return serve_file(c, fd, path, range[0] ? range : NULL);
}

static void serve_conn(const bad_cfg *c, int fd)
{
    char head[16384];
    while (read_head(fd, head, sizeof head) && serve_one(c, fd, head)) {}
    close(fd);
}

typedef struct bad_conn { const bad_cfg *c; int fd; } bad_conn;

static void *conn_thread(void *arg)
{
    bad_conn *k = arg;
    serve_conn(k->c, k->fd);
    free(k);
    return NULL;
}

/* One thread per connection (a process each made 163 parallel requests cost ~0.3 s). */
static void bad_loop(const bad_cfg *c, int ls)
{
    for (;;) {
        int fd = accept(ls, NULL, NULL), one = 1;
        if (fd >= 0) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); /* no Nagle stalls on keep-alive */
        bad_conn *k = fd >= 0 ? malloc(sizeof *k) : NULL;
        pthread_t t;
        if (!k) {
            if (fd >= 0) close(fd);
            continue;
        }
        *k = (bad_conn){ c, fd };
        if (pthread_create(&t, NULL, conn_thread, k) != 0) {
            close(fd);
            free(k);
            continue;
        }
        pthread_detach(t);
    }
}

bool lx_bad_start(lx_bad *b, const char *root, lx_bad_mode mode, int status, int delay_ms)
{
    memset(b, 0, sizeof *b);
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    int one = 1;
    if (ls < 0) return false;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 256) != 0 ||
        getsockname(ls, (struct sockaddr *)&a, &len) != 0) {
        close(ls);
        return false;
    }
    b->port = ntohs(a.sin_port);
    int *served = mmap(NULL, sizeof *served, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (served == MAP_FAILED) {
        close(ls);
        return false;
    }
    *served = 0;
    bad_cfg c = { root, mode, status, delay_ms, b->port, served };
    pid_t pid = fork();
    if (pid == 0) {
        bad_loop(&c, ls);
        _exit(0);
    }
    close(ls);
    b->pid = (int)pid;
    return pid > 0;
}

void lx_bad_stop(lx_bad *b)
{
    if (b->pid > 0) {
        kill(b->pid, SIGKILL);
        waitpid(b->pid, NULL, 0);
    }
    b->pid = 0;
}
