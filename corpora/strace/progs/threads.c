/*
 * threads.c: three threads that each open, read and close a file and sleep,
 * and one that blocks reading a pipe until the main thread writes to it, so
 * strace -f prints calls split into <unfinished ...> and <... resumed>.
 * Writes what it did to argv[1].
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int pfd[2];

static void *
reader(void *arg)
{
	char buf[64];
	int fd = open("/etc/hostname", O_RDONLY);

	(void)arg;
	if (fd >= 0) {
		(void)read(fd, buf, sizeof(buf));
		close(fd);
	}
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	return NULL;
}

static void *
waiter(void *arg)
{
	char buf[8];

	(void)arg;
	(void)read(pfd[0], buf, sizeof(buf));
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_t t[4];

	if (pipe(pfd) != 0)
		return 1;
	pthread_create(&t[0], NULL, waiter, NULL);
	for (int i = 1; i < 4; i++)
		pthread_create(&t[i], NULL, reader, NULL);
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	(void)write(pfd[1], "go", 2);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	if (argc > 1) {
		FILE *f = fopen(argv[1], "w");
		fprintf(f, "threads 4\nopen /etc/hostname 3\npipe_write 1\n");
		fclose(f);
	}
	return 0;
}
