#include "qemu_docker/application.h"

int main(int argc, char** argv) {
    return qd::run_application(argc, argv);
}
