/*
 * net.c: a TCP server and client on 127.0.0.1: the server listens on an
 * ephemeral port, forks the client, accepts, polls, receives "ping" and
 * answers "pong".
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	char buf[16];
	int s = socket(AF_INET, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(s, 1) != 0)
		return 1;
	getsockname(s, (struct sockaddr *)&a, &len);
	if (fork() == 0) {
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(c, (struct sockaddr *)&a, sizeof(a)) != 0)
			_exit(1);
		(void)send(c, "ping", 4, 0);
		(void)recv(c, buf, sizeof(buf), 0);
		close(c);
		_exit(0);
	}
	int c = accept(s, NULL, NULL);
	struct pollfd p = { .fd = c, .events = POLLIN };
	poll(&p, 1, 5000);
	(void)recv(c, buf, sizeof(buf), 0);
	(void)send(c, "pong", 4, 0);
	close(c);
	close(s);
	wait(NULL);
	return 0;
}
